# “标签—值”报表（src/report/form.rs、src/compile/build/form.rs）。

form-field-missing = 报表缺少栏目“{$label}”
form-field-missing-here = “{$label}”应在此之后
form-field-missing-help = 按报表印出的样子，补上“{$label}”一栏及其值
form-field-blank = 栏目“{$label}”没有填写
form-no-value-here = 此处没有值
form-says-no-value = “{$raw}”表示没有值
form-fill-in = 请填写{$kind}
form-the-field = 该栏目
form-not-asked = {$fields}填了值，但报表只在{$condition}时才要求填写“{$group}”
form-is-filled-in = 填了“{$raw}”
form-answers = “{$label}”回答“{$raw}”
form-filled-in-too = 这里也填了
form-not-asked-help = 要么改正回答，要么把这些栏目留空（或填 0）
form-count-yesno = “{$raw}”是“是/否”的回答，这里要的是数量
form-not-whole = “{$raw}”不是整数
form-asks-count = 栏目“{$label}”要填数量，这里写的是“{$raw}”
form-yesno-number = “{$raw}”是数字，这里要答“是”或“否”
form-not-yesno = “{$raw}”既不是“是”也不是“否”
form-asks-yesno = 栏目“{$label}”要答“是”或“否”，这里写的是“{$raw}”
form-not-as-asked = 栏目“{$label}”的写法不符合报表要求
form-no-match = “{$raw}”不符合“{$pattern}”
form-must-be = 栏目“{$label}”应为{$kind}
form-not-option = “{$item}”不在选项之中
form-several = “{$raw}”选了不止一项
form-asks-date = 栏目“{$label}”要填日期，这里写的是“{$raw}”
form-not-date = “{$raw}”不是“2024年1月15日”这样的日期
form-date-range = {$year} 年度的报表，栏目“{$label}”应在 {$from} 至 {$to} 之间
form-date-outside = {$date}不在这个范围内
form-year-from-title = 报告年度 {$year} 读自标题
form-kind-count = 数量
form-kind-text = 文字
form-kind-yesno = “是”或“否”
form-kind-one-of = {$options}之一
form-kind-any-of = {$options}中的任意几项
form-kind-date = 日期
form-name = 报表“{$label}”
form-in = （报表“{$label}”）

# 规则文件中的报表。
form-no-fields = 报表“{$name}”没有栏目
form-no-fields-here = 这张报表里没有 `栏目`
form-no-fields-help = 用 `栏目 名称 "标签"` 声明报表的栏目
form-check-no-each = 报表里的检查不用 `每行` / `每列`
form-check-no-each-here = 报表每个栏目只有一个值
form-check-no-each-help = 直接写栏目名称：`检查 合计: 总数 = 甲 + 乙`
form-bad-pattern = gouji 读不懂这个格式要求（正则表达式）
form-bad-pattern-help = 格式要求是正则表达式，如 `^[0-9]{"{"}10{"}"}$`、`ICP备.+号`
form-pattern-not-text = 只有文字栏目才能有格式要求
form-pattern-not-text-here = 这个栏目不是文字
form-bad-dates = 这段日期没有意义
form-bad-dates-here = 月份为 01—12，日为 01—31，且起始日期在前
form-bad-dates-help = 例如 `日期 限于 报告年度+1 01-01..02-29`
form-when-kind = 分组只能取决于“是否”栏目或单选栏目，而“{$name}”是{$kind}
form-when-kind-here = 不是“是否”或选项栏目
form-when-cmp = 分组的条件只能用 `=` 或 `≠` 比较回答
form-when-cmp-here = 回答没有大小之分
form-when-answer = “{$value}”不是栏目“{$name}”的回答
form-when-answers = 回答有：{$list}
form-field-not-number = 栏目“{$name}”是{$kind}，不是数字，检查无法相加
form-field-not-number-here = 不是数量
form-field-not-number-help = 这里只比较数量；“是/否”的回答用分组的 `若` 条件处理
