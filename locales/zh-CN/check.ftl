# 勾稽关系的检查结果（src/check）。标签、数字都来自报告本身。

check-place-row = {$table}“{$row}”行
check-place-column = {$table}“{$column}”列
# leaves out: label
check-place-table = {$table}
check-place-form = “{$label}”表单
check-cell = “{$row}”行“{$column}”列
check-cell-plain = {$row}·{$column}
check-term = {$name} {$value}
check-zeros-left-out = {$sum}（另有 {$zeros} 格为 0）
check-uncheckable-entry = {$places}的“{$identity}”
check-uncheckable-one = {$place}的“{$identity}”无法核对
check-uncheckable-places = “{$identity}”有 {$count} 处无法核对
# leaves out: label
check-uncheckable-many = {$table}有 {$count} 项勾稽关系无法核对
check-uncheckable-here = 此处没有数字
check-uncheckable-cells = 没有数字的单元格：{$cells}
check-uncheckable-cells-more = 没有数字的单元格：{$cells}，另有 {$more} 个
check-uncheckable-not-checked = 未能核对：{$checks}
check-uncheckable-help = 每个单元格都要填写（没有发生的填 0），勾稽关系才能核对
check-mention-disagrees = 正文写了“{$phrase}”，但“{$row}”行“{$column}”列是 {$value}
check-sum-does-not-add-up = {$place}：{$name} 填的是 {$value}，各项相加是 {$sum}，对不上
check-identity-does-not-hold = {$place}：“{$identity}”不成立（{$left} {$negated} {$right}）
check-here-not = 这里是 {$value}，应为 {$expected}
check-here-expected = 这里是 {$value}，应 {$symbol} {$expected}
check-here-sum = 这里是 {$value}，各项相加是 {$sum}
check-here-culprit = 很可能是这里的 {$value} 填错了
check-sides = 一边是 {$left}，另一边是 {$right}
check-rule-says = 规则：{$message}
check-report-says-this = 报告在这里这样写
check-culprit-row = 最可能填错的是“{$row}”行“{$column}”列的 {$value}：它所在的行也对不上
check-culprit-column = 最可能填错的是“{$row}”行“{$column}”列的 {$value}：它所在的列也对不上
check-fix-replace = 把 {$value} 改为各项之和 {$sum}

# 比较：eq 等于，ne 不等于，ge 不少于，le 不多于，gt 多于，lt 少于。
check-compare-fails = {$place}：{$name} 是 {$value}，{ $cmp ->
    [eq] 应等于 {$other}
    [ne] 不应等于 {$other}
    [ge] 少于 {$other}
    [le] 多于 {$other}
    [gt] 不多于 {$other}
   *[lt] 不少于 {$other}
}
check-here-compare = 这里是 {$value}，{ $cmp ->
    [eq] 不等于 {$other}
    [ne] 与 {$other} 相同
    [ge] 少于 {$other}
    [le] 多于 {$other}
    [gt] 不多于 {$other}
   *[lt] 不少于 {$other}
}
# leaves out: left_numbers, right_numbers, negated
check-arithmetic = { $cmp ->
    [eq] {$left}，但{$right}，相差 {$difference}
    [ne] {$left}，{$right}，两者相等
    [ge] {$left}，少于{$right}
    [le] {$left}，多于{$right}
    [gt] {$left}，不多于{$right}
   *[lt] {$left}，不少于{$right}
}
check-with-value = {$text}（{$value}）
check-rounding-tolerance = 按打印精度允许误差 ±{$tolerance}（每个金额最后一位的半个单位；规则没有写“容差”）
check-rule-tolerance = 规则允许相差 ±{$tolerance}
check-guard-prose = 这条检查适用，因为“{$condition}”：“{$section}”除表格外的文字有 {$count} 字
check-guard-compare = 这条检查适用，因为“{$condition}”：{$left} {$symbol} {$right}

trace-not-mentioned = 检查“{$check}”不适用：正文没有写到{$phrases}中的任何一个
trace-computed = {$place} {$left} {$symbol} {$right}
trace-and-more = {$items}，另有 {$more} 处
trace-holds = 检查“{$check}”成立：算得 {$computed}
trace-uncheckable = 检查“{$check}”无法核对：{$cells}没有数字
trace-not-evaluated = 检查“{$check}”没有计算：示例中缺少{$missing}
trace-guard-false = 检查“{$check}”在“{$condition}”不成立的地方不适用（{$count} 处）
trace-table = “{$label}”表
trace-row = “{$row}”行

# 正文中的数字（正文数字）。
fact-other-year = 正文写的是 {$raw} 年，但报告是 {$year} 年度的
fact-other-year-here = 这里是 {$raw}，应为 {$year}
fact-other-year-note = {$year} 年度的报告写的是 {$year} 年的工作；从以前的报告抄来的句子常常留着原来的年份
fact-other-year-help = 改正年份；如果这句话有意说的是以前的年份，把它的写法加到这条正文数字的“除非”列表中
fact-cell-is = {$name}是 {$value}
fact-adds-up-to = {$name}合计 {$value}
fact-comes-to = {$name}合计 {$value}
fact-differs = 正文写的是 {$raw}，但{$subject}
fact-differs-here = 正文写的是 {$raw}，表格中是 {$value}
fact-differs-help = 改正这句话或表格，使两者一致
fact-the-sentence = 这句话
fact-zeros = 另有 {$zeros} 格为 0
fact-meanings-unchecked = 规则的另外 {$count} 种含义无法核对：所需的单元格没有数字

# 跨年度和汇总（src/cross.rs）。
cross-in-row = （“{$row}”行）
cross-in-column = （“{$column}”列）
cross-last-year-value = {$value}（上年）
cross-does-not-follow = {$subject}{$place}与 {$year} 年度报告衔接不上
cross-here = 这里是 {$value}；按上一年度报告应为 {$expected}
cross-last-years-report = 上一年度报告：{$name}（{$year}）
cross-last-year-label = 上年：{$label}
cross-help = 改正本年度报告中的数字；如果是上一年度的错了，在本年度报告中说明
rollup-incomplete = 这份报告汇总 {$total} 份报告，其中 {$count} 份不在这一批中
rollup-not-checked = 汇总没有核对
rollup-missing = 缺少：{$names}
rollup-found = 找到：{$names}
rollup-found-none = 找到：无
rollup-incomplete-help = 把这些报告放在一起检查（写出每个文件，或它们所在的文件夹），或者改正 gouji.toml 中的名称
rollup-mismatch = {$name}是 {$value}，但所汇总的 {$count} 份报告相加是 {$sum}
rollup-mismatch-here = 这里是 {$value}，应为 {$sum}
rollup-mismatch-help = 按所汇总的报告重新汇总，或者改正有错的那份报告
