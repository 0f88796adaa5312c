# 发现的问题在终端上的呈现（src/diagnostic）。

render-rule-label = 这条发现依据的规则
render-note = 说明：{$note}
render-help = 建议：{$help}
render-explain = 详见 gouji explain {$code}
sarif-bundled-rules = gouji 内置的规则文件；它们的文字在本日志的 artifacts 中
