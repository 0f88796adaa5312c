# 编辑器（src/lsp）：悬停、补全、规则文件出错时的提示。

hover-value-written = `{$value}`（写作 `{$raw}`）
hover-blank = 没有数值（空白）
hover-no-value = 没有数值（`{$raw}`）
hover-unreadable = 无法读取：`{$raw}`
hover-cell = 表 `{$table}` {$label}{ $block ->
    [none] {""}
   *[other] ，{$block}
}；行 `{$row}`，列 `{$column}`（{$kind}）

    数值：{$value}
hover-no-identity = 没有勾稽关系用到这个单元格
hover-identities = 勾稽关系：
hover-in-row = （“{$row}”行）
hover-in-column = （“{$column}”列）
hover-cannot-check = 无法核对：有单元格没有数字
hover-version = {" "}版本 `{$version}`
hover-in-table = 在表 `{$table}` 中
hover-declared-in = 声明于 `{$file}`
completion-keyword-zh = 关键字（英文写法：{$en}）
completion-keyword-en = 关键字（中文写法：{$zh}）

lsp-and-more = ……另有 {$count} 处
lsp-rules-not-loaded = 规则无法加载，这份报告没有检查
lsp-rules-not-compiled = 规则有 {$count} 处错误，无法编译，这份报告没有检查
lsp-fix-rules = 改正规则文件后，报告会重新检查
lsp-rule-file-no-uri = 规则文件“{$file}”的名称无法转换为 URI
lsp-rule-file-not-utf8 = 规则文件“{$file}”不是 UTF-8 文本
lsp-rule-file-missing = 规则文件“{$file}”不存在
lsp-rule-file-unreadable = 规则文件“{$file}”无法读取：{$error}
lsp-no-rule-set = 规则文件中没有定义任何规则集
lsp-config-unreadable = gouji.toml 无法读取：{$error}
lsp-request-failed = gouji 在答复“{$method}”时出错
lsp-method-unknown = gouji 不处理“{$method}”
lsp-no-initialize = 编辑器没有发送 initialize：{$error}
lsp-initialize-failed = 编辑器没有完成初始化：{$error}
lsp-closed-without-exit = 编辑器没有发送 shutdown 和 exit 就关闭了连接
lsp-exit-before-shutdown = 编辑器在 shutdown 之前发送了 exit
lsp-shutting-down = 服务器正在关闭
lsp-check-failed = 检查打开的文件时出错，保留上一次的结果
lsp-malformed = 忽略格式不对的“{$method}”：{$error}
lsp-connection-failed = 与编辑器的连接出错：{$error}
lsp-baseline-unreadable = gouji.toml 中指定的已核实清单“{$file}”无法读取：{$error}
