# Reviewed findings (--baseline, --write-baseline; `baseline` in gouji.toml).

baseline-not-utf8 = baseline `{$path}` is not UTF-8 text; save it as UTF-8
baseline-unreadable = baseline `{$path}` cannot be read: {$error}
baseline-json-error = line {$line}, column {$column}: {$error}
baseline-marked = [已核实] {$message}
baseline-marked-because = [已核实：{$reason}] {$message}
baseline-kept = reviewed and kept (in the baseline)
baseline-kept-because = reviewed and kept: {$reason}
baseline-cannot-write = cannot write baseline `{$path}`: {$error}
baseline-wrote = { $count ->
    [one] wrote {$count} finding to baseline `{$path}`
   *[other] wrote {$count} findings to baseline `{$path}`
}
baseline-summary-shown = { $count ->
    [one] {", "}{$count} reviewed finding shown
   *[other] {", "}{$count} reviewed findings shown
}
baseline-summary-hidden = { $count ->
    [one] {", "}{$count} reviewed finding hidden
   *[other] {", "}{$count} reviewed findings hidden
}
