# 命令行（src/cli）：输出、错误和汇总。

test-rule-set = {$regulation} {$version}（{$file}）
test-line = 第 {$line} 行
test-passes = 通过
test-produces = 报出 {$codes}
test-exercises = {$result}；用到了 {$checks}
test-ok = 通过    {$place}（{$line}）：{$result}
test-fail = 未通过  {$place}（{$line}）
test-missing = 缺示例  没有哪个示例能让表“{$table}”的检查“{$check}”报错（{$place}）
test-summary = {$examples} 个示例：{$passed} 个通过，{$failed} 个未通过；{$unfired} 条检查或正文数字没有能让它报错的示例
test-should-pass = 应当通过，却报出：{$severity}[{$code}] {$message}
test-should-produce = 应当报出 {$code}，却没有

fmt-not-utf8 = 不是 UTF-8 文本
fmt-cannot-read = 无法读取“{$path}”：{$error}
fmt-has-errors = “{$path}”有语法错误，未作格式化
fmt-would-reformat = 需要重新格式化：{$path}
fmt-cannot-write = 无法写入“{$path}”：{$error}
fmt-formatted = 已格式化：{$path}
fmt-cannot-convert = “{$path}”的关键字无法转换（转换后的意思会不同），文件未作改动

cli-cannot-read-stdin = 无法读取标准输入：{$error}
cli-cannot-read = 无法读取“{$path}”：{$error}
cli-text-no-csv = --text 输出文字，或加 --format json 输出 JSON；它没有 CSV 形式
cli-is-a-folder = “{$path}”是一个文件夹；请写出其中的报告文件名
cli-file-problem = “{$path}”：{$problem}
cli-too-large-unsized = “{$path}”：读到 {$max} 字节还没有结束，超过了报告的上限，已停止读取
cli-no-such-file = 没有这个文件
cli-permission-denied = 没有读取权限
cli-io-error = {$error}
cli-rules-not-utf8 = 规则文件“{$path}”不是 UTF-8 文本，请另存为 UTF-8
cli-rules-have-errors = 规则文件有 {$count} 处错误，请先改正再检查报告
cli-rules-define-nothing = 规则文件中没有定义任何规则集
cli-summary = 检查了 {$files} 份报告：{$errors} 个错误，{$warnings} 个警告，{$notes} 个提示
cli-summary-unreadable = {$summary}；{$failed} 个文件无法读取
cli-no-such-code = 没有诊断代码“{$code}”；gouji explain 会列出所有代码
cli-rules-years = 适用于 {$years}的报告
cli-rules-extends = （继承 {$version}）
cli-lsp-on-a-terminal = 这是 gouji 的语言服务器，由编辑器启动，通过标准输入输出与编辑器通信（见 README.md 的“编辑器”一节）
cli-cannot-read-folder = 无法读取文件夹“{$path}”：{$error}
cli-empty-folder = 文件夹“{$path}”中没有报告（.txt、.md、.html、.mhtml、.docx、.pdf 或 .ofd 文件）

# 命令行帮助（clap）。

cli-help-template = {"{"}about-with-newline{"}"}
    用法：{"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
cli-heading-commands = 命令
cli-heading-arguments = 参数
cli-heading-options = 选项
cli-value-command = 命令
cli-usage-line = 用法：{$usage}
cli-more-help = 更多信息请运行 gouji --help
cli-arg-help = 显示帮助
cli-arg-version = 显示版本
cli-error-unknown-argument = 不认识的参数“{$arg}”
cli-error-unknown-command = 没有“{$command}”这个命令
cli-error-invalid-value = 参数“{$arg}”的值“{$value}”无效
cli-error-missing = 缺少必需的参数：{$arg}
cli-error-missing-command = 请指定一个命令
cli-error-conflict = 参数“{$arg}”不能与“{$other}”同时使用
cli-error-values = 参数“{$arg}”的值的个数不对
cli-error-other = 命令行参数有误
cli-error-valid-values = 可用的值：{$values}
cli-error-did-you-mean = 是不是要用“{$suggestion}”？

cli-about = 勾稽：按格式规定检查政府信息公开工作年度报告
cli-about-check = 检查报告：指出每一处违反规则的地方，定位到报告中的单元格
cli-about-extract = 输出从报告中读到的内容：年度、各部分、每个单元格及其行列标签和行号
cli-about-explain = 解释一个诊断代码（如 gouji explain R040）；不写代码则列出全部代码
cli-about-rules = 列出规则集：适用年度和发文字号
cli-about-test = 运行规则文件中写的示例；有示例不符合预期，或有检查从未被示例触发，即为失败
cli-about-lsp = 以标准输入输出运行语言服务器（由编辑器启动）
cli-about-fmt = 格式化规则文件（就地改写），或只检查是否已格式化
cli-arg-lang = 提示信息的语言：zh（中文，默认）或 en（英文）
cli-value-lang = 语言
cli-arg-check-files = 报告文件（文本、网页、Word .docx、PDF、OFD）或文件夹；“-”表示从标准输入读取（按内容判断类型，或按 --stdin-filename 的扩展名）
cli-arg-extract-files = 报告文件（文本、网页、Word .docx、PDF、OFD）或文件夹
cli-value-files = 文件
cli-arg-rule_files = 把这些规则文件加在内置规则之上：你的规则集（可以“继承”内置规则集）适用于它写明的年度，其他年度仍用内置规则
cli-value-rule_files = 规则文件
cli-arg-year = 报告年度（标题里没写或写错时指定）
cli-value-year = 年度
cli-arg-check-format = 输出格式：human（给人看，默认）、json、sarif
cli-arg-extract-format = 输出格式：json（默认）或 csv；与 --text 同用时，json 以 JSON 给出读到的各行（段落，以及表格各行：每个单元格的文字照报告原样，并注明它占几列）
cli-value-format = 格式
cli-arg-color = 颜色：auto（默认，终端上才用颜色）、always、never
cli-value-color = 何时
cli-arg-quiet = 只输出汇总行（以及读取文件的错误）
cli-arg-stdin_filename = 从标准输入读取时显示的文件名
cli-value-stdin_filename = 名称
cli-arg-code = 诊断代码，如 R040
cli-value-code = 代码
cli-arg-test-files = 规则文件（默认：内置规则）
cli-arg-fmt-files = 规则文件
cli-arg-check = 不作改动；有文件未格式化时以 1 退出
cli-arg-keywords = 把关键字统一写成中文（zh）或英文（en）
cli-value-keywords = 语言
cli-options-placeholder = [选项]
test-check-at = {$check}（{$place}）
test-no-table-read = 示例中没有读到任何表格，所以没有运行任何检查
cli-governs-none = 不再适用于任何年度
cli-governs = 适用于 {$years}
cli-governs-other-years = （{$what}；其他年度由 {$versions} 适用）

# gouji impact, reviewed findings, --no-bundled.
cli-about-impact = 规则变更的影响：用新旧两套规则检查一批报告，列出新增和消失的问题
cli-arg-impact-files = 要用两套规则检查的报告文件或文件夹
cli-arg-impact-rules = 改动后的规则文件（与 gouji check --rules 一样加在内置规则之上）
cli-value-rules = 规则文件
cli-arg-base = 对比的规则：规则文件（加在内置规则之上），或 bundled（默认，只用内置规则）
cli-value-base = 文件|bundled
cli-arg-examples = 每条规则列出几个例子
cli-value-examples = 个数
cli-arg-impact-format = 输出格式：human（给人看，默认）或 json
cli-arg-no_bundled = 只用 --rules 给出的规则文件，其他年度也不用内置规则
cli-arg-baseline = 隐藏这个已核实清单中记录的发现（已核实并保留）；汇总行会说明隐藏了几个
cli-value-baseline = 文件
cli-arg-write_baseline = 把这次检查的所有发现记入这个已核实清单（已写明的理由会保留）
cli-value-write_baseline = 文件
cli-arg-show_baselined = 已核实清单中记录的发现也显示出来，标为已核实（不计入汇总）
test-missing-fact = 缺示例  没有哪个示例能让正文数字“{$fact}”报错（{$place}）
cli-tally = {$reports} 份报告：{$clean} 份没有错误，{$errors} 份有错误
cli-tally-unreadable = ，{$count} 份无法读取
cli-tally-first-code = ；{$code} ×{$count}
cli-tally-next-code = ，{$code} ×{$count}
cli-exit-codes = 退出代码：
    {"  "}0  没有错误（警告和提示不算）
    {"  "}1  报告中有错误（check）；有文件未格式化（fmt --check）；有示例未通过（test）
    {"  "}2  用法有误、有文件无法读取，或规则文件有错误
cli-report-not-rules = “{$path}”看起来是一份报告，不是规则文件（其中没有“规定”）；请用 gouji check {$path} 检查它
cli-cannot-keep = 无法把跨报告检查所需的数字暂存到临时文件：{$error}
cli-cannot-write-summary = 无法写入汇总“{$path}”：{$error}
cli-summary-kind = --summary {$path}：请给出 .html 文件（网页）或 .csv 文件（表格）
cli-arg-summary = 另外写出这一批报告的总览：中文网页（.html）或表格（.csv）
cli-value-summary = 文件
cli-arg-jobs = 同时检查多少份报告（默认：每个处理器核心一份）
cli-value-jobs = 份数
cli-arg-no_progress = 不显示进度条（只在终端上、批量较大时才显示）
cli-arg-no_bom = 与 --format csv 一起用：开头不写 UTF-8 字节顺序标记（默认写，以便 Excel 和 WPS 正确显示中文标签）
cli-arg-pdf_tool = 由哪个程序读取 PDF 文字：builtin（gouji 自带的阅读器，默认）或 pdftotext（poppler 的程序，在 gouji 的阅读器读不了某个文件时使用；单元格只能按间距重建）
cli-value-pdf_tool = 工具
cli-arg-stdin_format = 标准输入（-）是什么文件：text、html、mhtml（保存为单个文件的网页）、docx、pdf 或 ofd；不写时按内容判断（其次按 --stdin-filename 的扩展名）
cli-value-stdin_format = 格式
cli-arg-extract-text = 改为输出 gouji 读到的文字（表格每行一行，单元格之间用“|”分隔）
