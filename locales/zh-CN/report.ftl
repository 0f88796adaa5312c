# 读报告时发现的问题（src/report）：年度、各部分、表格、单元格。

report-no-rules = 没有可用来检查这份报告的规则
report-rule-set-covers = {$regulation} {$version} 适用于 {$years}
report-no-rule-set-for-year = 没有适用于 {$year} 年度报告的规则
report-year-is = 报告年度是 {$year}
report-no-rule-set-help = 用 --year 指定年度，或用 --rules 提供适用于这一年的规则
report-no-year = 标题里找不到报告年度
report-no-year-here = 标题里没有“2023年”这样的年份
report-no-year-checked-against = 已按表格最接近的格式检查：{$rule_set}（{$years}）
report-no-year-help = 在标题里写明年度，或用 --year 指定

years-onward = {$from} 年及以后
years-one = {$year} 年
years-range = {$from}—{$to} 年

quoted = “{$text}”
list-or = 或

decode-empty = 文件是空的
decode-too-large = 文件有 {$size} 字节，超过了报告的上限 {$max} 字节
decode-binary = 文件不是文本（含有二进制数据），请先把报告另存为纯文本
decode-unknown-encoding = 文件既不是 UTF-8 也不是 GB18030/GBK 文本，无法判断其编码

sections-misnumbered = 标题“{$heading}”的序号是“{$found}”，这里应为“{$expected}”
sections-should-be = 应为“{$label}”
sections-fix-renumber = 改为“{$label}”
sections-no-number = 标题“{$heading}”没有序号
sections-format-writes = 格式中的写法是“{$label}”
sections-reworded = 标题“{$heading}”与格式中的写法不同
sections-fix-wording = 改用格式中的写法“{$label}”
sections-truncated = 报告在“{$label}”部分中途就结束了
sections-none-found = 报告的各部分一个也找不到
sections-text-ends-here = 正文到这里结束
sections-not-found-after = 此后没有找到：{$labels}
sections-truncated-help = 如果是保存网页时被截断，请核对完整的报告；否则请补上缺少的部分
sections-twice = “{$label}”部分出现了两次
sections-again-here = 这里又出现一次
sections-first-here = 第一次在这里
sections-extra = 标题“{$heading}”不是格式中的部分
sections-format-has = 格式共有 {$count} 个部分
sections-extra-help = 把这部分内容移到格式规定的某个部分中
sections-takes-number = 标题“{$heading}”占用了“{$label}”部分的序号
sections-format-section-is = 格式的第{$number}部分是“{$label}”
sections-takes-number-help = 保持格式规定的各部分及其顺序，其他标题放在这些部分之内
sections-topic-missing = “{$label}”部分没有写到“{$topic}”
sections-topics-missing = “{$label}”部分的 {$total} 项内容中有 {$count} 项没有写到
sections-topic-expected-here = 这一部分应写到
sections-not-mentioned = 没有写到：{$topics}
sections-topic-help = 每项内容都要写到，哪怕只写一句（格式在这个标题下列出了这些内容）
sections-missing = 缺少“{$label}”部分
sections-should-be-inside = “{$label}”应在这一部分之内
sections-empty = “{$label}”部分是空的
sections-only-none = “{$label}”部分只写了“无”
sections-needs-content = 这一部分需要写明内容
sections-mention-missing = “{$label}”部分没有提到{$phrases}
sections-mention-nothing = 这一部分没有提到相关内容
sections-should-stand-here = “{$label}”应在这里，表格之后
sections-should-come-before = “{$label}”应在此之前
sections-missing-help = 补上标题“{$label}”及其内容

list-and = {"和"}

tables-wrong-format = 表格{$tables}用的是{$other}的格式，{$year} 年度报告应使用{$format}的格式
tables-label-belongs-to = 这一栏目属于 {$version} 年版格式
tables-formats-govern = {$other}适用于 {$other_years}的报告；{$format}适用于 {$years}的报告
tables-read-with = 这张表已按 {$version} 年版格式读取和核对
tables-use-format = 请使用{$format}格式的表格
tables-this-table-too = 这张表也是
tables-missing = 找不到“{$label}”表
tables-no-row-here = 这个标题下没有这张表的任何一行
tables-looked-for = 查找的行标签如“{$label}”
tables-image-help = 如果表格是以图片发布的，请把其中的数字录入为文字
tables-row-no-label = “{$row}”行没有行标签，按位置读取了它的数字
tables-read-as = 读作“{$label}”
tables-write-label = 在这些数字前写上行标签“{$label}”
# leaves out: label
tables-row-missing = {$table}缺少“{$row}”行
tables-row-before = “{$row}”应在这一行之前
tables-row-after = “{$row}”应在这一行之后
tables-row-missing-help = 补上这一行及其数字（没有发生的填 0）
tables-label-differs = 行标签“{$written}”与格式中的“{$label}”不同
tables-read-as-this-row = 读作这一行
tables-fix-label = 改用格式中的行标签“{$label}”
tables-no-numbers-after-header = 这个标题下的表头之后没有 {$count} 个数字
tables-no-numbers = {$what}没有数字
tables-too-few = {$what}有 {$cells} 个单元格，只有 {$found} 个数字
tables-too-many = {$what}只有 {$cells} 个单元格，却有 {$found} 个数字
tables-expected-numbers = 这个标签后面应有数字
tables-values-here = 这里有 {$found} 个数
tables-label-after-label = 这个标签后面直接是下一个标签
tables-cannot-tell-cells = 无法判断每个数字属于哪个单元格，所以这一行的单元格都按无法读取处理
tables-one-value-per-cell = 每个单元格写一个数，没有发生的填 0
tables-this-row = 这一行
tables-blank = {$what}：{$columns}没有填写数值
tables-no-value-here = 此处没有数值
tables-blank-note = 空白、“-”、“/”或“—”都不是数字：用到它的勾稽关系无法核对
tables-blank-help = 没有发生的填 0
tables-no-value = 没有数值
tables-in-this-row = 在这一行
tables-run-together = {$what}：数字连在一起，有不止一种拆分方法
tables-no-separators = 这些数字之间没有分隔
tables-left-unreadable = {$cells} 个单元格中有 {$count} 个按无法读取处理，不做猜测
tables-left-unreadable-some = {$cells} 个单元格中有 {$count} 个按无法读取处理，不做猜测；其余的每种拆法都一致，因此读出
tables-separate-help = 用制表符或空格把数字分开
tables-split = {$what}：数字连在一起，读作 {$values}
tables-split-note = 有 {$count} 种拆法符合单元格个数，只有这一种能使合计对上

cells-letter = {$cell}不是数字：{$raw}（{ $count ->
    [1] 字母{$raw}，应为数字{$guess}
   *[other] 其中有字母，应为 {$guess}
}）
cells-letter-here = 这是字母，不是数字
cells-letter-note = 不猜测原意：这个单元格按无法读取处理，用到它的勾稽关系无法核对
cells-letter-help = 如果本意是 {$guess}，请写成数字 {$guess}
cells-text = {$cell}填的是文字，不是数字：“{$raw}”
cells-not-a-number = 不是数字
cells-text-help = 填写数字，或填 0
cells-negative = {$cell}的件数是负数：{$raw}
cells-negative-here = 件数不能为负
cells-fraction = {$cell}填的是 {$raw}，但这一栏计的是整件数
cells-fraction-here = 不是整数
cells-other-unit = {$cell}的单位是{$unit}，但这一栏的单位是{$column_unit}
cells-written-in = 写的单位是{$unit}
cells-other-unit-note = 不换算报告里的单位：这个单元格按无法读取处理，用到它的勾稽关系无法核对
cells-other-unit-help = 以{$column_unit}为单位填写，不写单位
cells-unit = {$cell}里写了单位：“{$raw}”
cells-unit-here = “{$unit}”应写在表头，不写在单元格里
cells-unit-help = 只写数字
sections-table-no-text = “{$label}”部分只有表格，没有文字
