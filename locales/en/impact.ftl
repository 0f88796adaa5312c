# gouji impact: what a rule change does (for the policy staff who review rule changes).

impact-bundled = the bundled rules
impact-bundled-plus = the bundled rules plus {$files}
impact-head = Impact of a rule change: {$new}, compared with {$base}; {$reports} reports checked
impact-totals = {$appeared} findings appeared ({$appeared_reports} reports), {$disappeared} disappeared ({$disappeared_reports} reports); {$new_errors} new errors
impact-affected = {$affected} reports affected, {$percent}% of those checked
impact-by-rule = { $direction ->
    [appeared] Findings that appeared (by rule):
   *[disappeared] Findings that disappeared (by rule):
}
impact-at = {" "}({$place})
impact-rule = {$code} {$severity} {$rule}{$at}: { $direction ->
    [appeared] appeared
   *[disappeared] disappeared
} {$count} times ({$reports} reports)
impact-example = e.g. {$place} {$text}
impact-more = … and {$count} more
impact-reworded = {$count} findings reworded at the same place (not counted as appeared or disappeared):
impact-before = before: {$text}
impact-after = after: {$text}
impact-by-report = By report:
impact-report = {$path}: {$appeared} appeared, {$disappeared} disappeared
impact-unreadable = {$count} files could not be read:
impact-no-change = This rule change changes no finding.
