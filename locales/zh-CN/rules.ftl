# 规则文件中的错误（src/compile）。规则语言的关键字用中文写法。

build-kind = { $kind ->
    [section] 部分
    [table] 表
    [block] 分块
    [group] 组
    [column] 列
    [row] 行
    [check] 检查
    [topic] 要点
    [fact] 正文数字
    [row-group] 行组
    [column-group] 列组
   *[other] {$kind}
}
build-item = { $item ->
    [section] “部分”
    [aliases] “别名”
    [header] “表头”
    [topic] “要点”
    [require] “要求”
    [table] “表”
    [block] “分块”
    [group] “组”
    [column] “列”
    [row] “行”
    [check] “检查”
    [example] “示例”
    [fact] “正文数字”
    [rollup] “汇总”
    [amend] “修订”（只能用在“继承”另一规则集的规则集中）
    [remove] “删除”（只能用在“继承”另一规则集的规则集中）
    [form] “表单”
    [field] “栏目”（应写在“表单”中）
    [group-when] 带“若”的“组”（应写在“表单”中）
   *[other] {$item}
}
build-misplaced = { $place ->
    [regulation] {build-item}不能直接写在“规定”中（请放在某个“部分”里）
    [section] {build-item}不能写在“部分”中
    [table] {build-item}不能写在“表”中
    [block] {build-item}不能写在另一个分块或组中
    [form] {build-item}不能写在“表单”中
   *[other] {build-item}不能写在这里
}
build-not-allowed-here = 这里不允许
build-years-backwards = 年度范围 {$from}..{$to} 前后颠倒了
build-years-backwards-here = 起始年度不能晚于截止年度
build-no-years = “{$name}”没有写明适用于哪些年度的报告
build-no-years-here = 这里和所继承的规则集中都没有“适用年度”
build-no-years-help = 加上一行，如“适用年度 2021..”
build-empty-label = 这个{$what}的标签是空的
build-empty-label-here = 报告里找不到空的标签
build-empty-label-help = 照报告印出的样子写标签，或者不写标签而用名称
build-duplicate = {$what}“{$name}”声明了两次
build-declared-again = 这里再次声明
build-first-declared = 第一次在这里声明
build-duplicate-help = 给每一个起不同的名称
build-no-code = 没有诊断代码“{$code}”
build-not-a-code = 不是诊断代码
build-no-code-help = gouji explain 会列出所有代码
build-table-no-rows = 表“{$name}”没有行
build-table-no-rows-here = 这张表里没有“行”
build-table-no-rows-help = 用“行 名称 "标签"”声明表的各行
build-no-columns = {$what}“{$name}”有行，却没有列
build-no-columns-here = 这里没有“列”或“各列”
build-no-columns-help = 声明各行的单元格所在的列
build-inline-blocks = 连排表“{$name}”不能有分块
build-inline-blocks-here = “连排”表示所有行在一个表头之后连续排列
build-no-cell = 这条检查没有提到任何单元格
build-no-cell-here = 这里只有数字
build-no-cell-help = 写上表中的行、列或单元格
build-never-rows = 这条检查永远无法计算：没有哪一行在这些列中都有单元格
build-never-columns = 这条检查永远无法计算：没有哪一列在这些行中都有单元格
build-different-blocks = 这里的名称属于不同的分块
build-one-block-help = 一条检查只能组合同一分块中的行或列
build-text-cells = 这条检查把文字单元格相加
build-text-cells-here = 这些单元格填的是文字，不是数字
build-mixes-kinds = 这条检查把件数和金额混在一起
build-this-is = 这是{$kind}
build-mixes-kinds-help = 件数与件数比较，金额与金额比较
build-unknown = 没有名为“{$name}”的{$what}
build-not-declared = 没有声明
build-did-you-mean = 是不是“{$name}”？
build-fix-replace = 改为“{$name}”
build-qualified-in-each = “每行”或“每列”的检查中不能用带点的名称
build-qualified-in-each-here = 这里请用单独的行名或列名
build-group-empty = 组“{$name}”是空的
build-group-empty-here = 没有可相加的内容
build-sum-single = “求和”需要一个组，而“{$name}”是单独的一{$what}
build-not-a-group = 不是组
build-sum-single-help = 直接写“{$name}”，不用“求和（…）”
build-is-group = “{$name}”是一个组：请写“求和（{$name}）”
build-not-in-lines = “{$name}”不是这条检查所相加的{$what}
build-a-group = 一组行或列
build-this-is-column = 这是一列
build-this-is-row = 这是一行
build-each-help = “每列”把各行相加；“每行”把各列相加
build-which-cell = 单元格请写成“行.列”或“表.行.列”，或者加上“每行”/“每列”
build-which-cell-here = 这是哪个单元格？
build-no-cell-in-column = 行“{$row}”在列“{$column}”中没有单元格
build-row-column-blocks = 它们属于不同的分块
build-rule-set-twice = “{$name} {$version}”声明了两次
build-years-overlap = “{$name} {$version}”的适用年度（{$years}）与“{$other_name} {$other_version}”的（{$other_years}）重叠
build-these-years = 这些年度
build-overlap-these = 与这些年度重叠
build-years-overlap-help = 每个报告年度只能对应一个规则集：请让年度范围互不重叠
build-extends-cycle = “{$name}”经过循环继承了它自己
build-no-base = 没有可继承的规则集“{$name} {$version}”
build-not-found = 找不到
build-fix-extend = 改为继承“{$version}”
build-known-versions = “{$name}”已有的版本：{$versions}
build-not-in-base = 所继承的规则集中没有“{$name}”
build-nothing-to-change = 没有这个名称可改

cell-kind-count = 件数
cell-kind-signed = 可为负的件数
cell-kind-amount-in = 以{$unit}计的金额
cell-kind-amount = 金额
cell-kind-text = 文字

# 规则文件的语法错误（src/syntax）。

# leaves out: en
syntax-keyword = “{$zh}”
syntax-punct = “{$text}”
syntax-found = “{$text}”
syntax-or = {$first}或{$last}
syntax-thing = { $thing ->
    [eof] 文件末尾
    [name] 一个名称
    [version-name] 版本名称，如“2021”
    [year] 四位数的年份
    [cell-kind] 单元格类型（“计数”“可负”“金额”“文字”）
    [unit] 单位，如“万元”
    [int] 整数
    [quantifier] “每行”或“每列”
    [severity] “错误”“警告”或“提示”
    [expr] 算式，如“自然人 + 商业企业”
    [op] “+”或“-”
    [sum] “求和（…）”
    [reference] 行、列或组的名称
    [cmp] 比较符号（“=”“>=”“<=”“!=”“>”“<”）
    [number] 数字
    [string] 带引号的标签，如“（七）总计”
    [amend-kind] “部分”“表”“组”或“分块”
    [mentioned] “若提及”
    [code-name] 诊断代码，如“R040”
    [text-block] 写在两个 """ 之间的一段文字
    [doc] “///”注释
    [scaled] 乘以或除以一个数的项（“2 * 新收”“新收 / 2”）
    [factor] 数字或百分数，如“50%”
    [when-prose] “若 文字（部分）< 字数”
    [when-number] 条件，如“若 总计 > 0”
    [zh-cmp] “少于”“多于”“不少于”“不多于”或“等于”
    [phrase] 带引号的一句话，如“收到…申请{"{"}件数{"}"}件”
    [field-kind] 栏目类型（“计数”“文字”“是否”“选项”“日期”）
    [year-offset] “报告年度”，如“报告年度+1”
    [month-day] 月和日，如“01-31”
    [group-when] “若 栏目 = "…"”
   *[other] {$thing}
}
syntax-stray-close = 多了一个“{"}"}”，前面没有对应的“{"{"}”
syntax-stray-close-here = 这里没有要结束的内容
syntax-stray-close-help = 删掉它，或检查上面的“{"{"}”
syntax-unclosed = { $what ->
    [regulation] 文件在这条“规定”结束之前就结束了
    [section] 文件在这个“部分”结束之前就结束了
    [table] 文件在这张“表”结束之前就结束了
    [block] 文件在这个“分块”结束之前就结束了
    [group] 文件在这个“组”结束之前就结束了
    [amend] 文件在这个“修订”结束之前就结束了
   *[other] 文件在这一项结束之前就结束了
}
syntax-unclosed-here = 这里应有“{"}"}”
syntax-unclosed-help = 补上缺少的“{"}"}”
syntax-line-unreadable = 这一行在这里读不懂
syntax-label-not-closed = 标签“{$label}”没有结束引号
syntax-label-not-closed-here = 在标签末尾加上“{$close}”
syntax-unexpected = 这里不应出现{$found}
syntax-cannot-start-line = {$found}不能作为这里一行的开头
syntax-expected-found = 这里应为{$expected}，却是{$found}
syntax-expected-at-line-end = 这一行末尾应有{$expected}
syntax-not-expected-here = 这里不应出现
syntax-not-a-keyword-here = 不是这里可用的关键字
syntax-expected-here = 这里应为{$expected}
syntax-line-starts-with = 这里的一行以{$expected}开头
syntax-cannot-stand-here = {$unexpected}不能出现在这里
syntax-name-with-blank = 名称中间不能有空格：是不是“{$name}”？
syntax-fix-write = 改为“{$name}”
recover-not-closed = “{$opener}”（第 {$line} 行）没有结束：缺少它的“{"}"}”
recover-end-here = 这一块应在这里结束：加上“{"}"}”
recover-this-block = 这一块
recover-indented-note = 下一行的缩进与这一块的第一行相同，因此它已不属于这一块
recover-help = 在第 {$line} 行之后另起一行写“{"}"}”
build-division-by-zero = 除数为零
build-division-by-zero-here = 这里除以 0
build-sum-text = 求和（{$name}）

# 正文数字（fact）的规则错误。
fact-bad-phrase = 这个句式无法使用：{$why}
fact-the-phrase = 这个句式
fact-bad-phrase-help = 照报告的写法写出文字，数字的位置写“{"{"}数{"}"}”，可变的几个字写“…”，例如“收到…申请{"{"}件数{"}"}件”
fact-mixes-kinds = 这条正文数字把件数和金额混在一起
fact-year-and-cells = 这条正文数字把年份和单元格加在一起
fact-a-cell = 单元格
fact-a-year = 年份
fact-year-and-cells-help = 年份与“报告年度”（加减一个数）比较，件数与单元格比较
fact-previous = “上年.”不能用在“正文数字”中
fact-previous-here = 正文数字比较的是正文和本报告的表格
fact-previous-help = 要与上一年度的报告比较，请写在表格的“检查”中
fact-name-in-full = 在“正文数字”中，单元格要写全：“表.行.列”
fact-which-table = 这是哪张表的？
fact-name-in-full-help = 例如“表三.新收.总计”
fact-report-year-only = “报告年度”只能用在“正文数字”中
fact-report-year-only-here = 表格的检查比较的是单元格
fact-report-year-only-help = 在关于正文的“正文数字”中写明年份
phrase-open-brace = 有“{"{"}”没有“{"}"}”
phrase-two-numbers = 两个数字紧挨在一起
phrase-close-brace = 有“{"}"}”没有“{"{"}”
phrase-no-number = 句式中没有表示数字位置的“{"{"}…{"}"}”
phrase-many-numbers = 句式中有不止一个“{"{"}…{"}"}”；一条正文数字只比较一个数
phrase-no-words = 句式中没有可查找的文字
phrase-gap-at-end = “…”写在句式的开头或末尾没有意义
syntax-too-deep = 块的嵌套超过了 {$max} 层
syntax-too-deep-here = 这个“{"{"}”开始了第 {$level} 层
syntax-too-deep-note = gouji 只读取“{"{"} … {"}"}”嵌套不超过 {$max} 层的规则文件；这个文件没有读取
