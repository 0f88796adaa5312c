# How findings are shown in a terminal (src/diagnostic).

render-rule-label = the rule this finding enforces
render-note = note: {$note}
render-help = help: {$help}
render-explain = run `gouji explain {$code}` for more
sarif-bundled-rules = the rule files bundled in gouji; their text is in this log's artifacts
