# 已核实的发现（--baseline、--write-baseline；gouji.toml 的 baseline）。

baseline-not-utf8 = 已核实清单“{$path}”不是 UTF-8 文本，请另存为 UTF-8
baseline-unreadable = 已核实清单“{$path}”无法读取：{$error}
baseline-json-error = 第 {$line} 行第 {$column} 列：{$error}
baseline-marked = [已核实] {$message}
baseline-marked-because = [已核实：{$reason}] {$message}
baseline-kept = 已核实并保留（记在已核实清单中）
baseline-kept-because = 已核实并保留：{$reason}
baseline-cannot-write = 无法写入已核实清单“{$path}”：{$error}
baseline-wrote = 已把 {$count} 个发现写入已核实清单“{$path}”
baseline-summary-shown = ，显示了 {$count} 个已核实的发现
baseline-summary-hidden = ，隐藏了 {$count} 个已核实的发现
