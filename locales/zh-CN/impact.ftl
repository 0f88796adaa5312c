# gouji impact：规则变更的影响（给审核规则变更的政策人员看）。

impact-bundled = 内置规则
impact-bundled-plus = 内置规则加 {$files}
impact-head = 规则变更的影响：{$new}，对比{$base}；共检查 {$reports} 份报告
impact-totals = 新增 {$appeared} 条（{$appeared_reports} 份报告），消失 {$disappeared} 条（{$disappeared_reports} 份报告）；新增错误 {$new_errors} 条
impact-affected = 受影响的报告 {$affected} 份，占所查报告的 {$percent}%
impact-by-rule = { $direction ->
    [appeared] 新增的问题（按规则）：
   *[disappeared] 消失的问题（按规则）：
}
impact-at = （{$place}）
impact-rule = {$code} {$severity} {$rule}{$at}：{ $direction ->
    [appeared] 新增
   *[disappeared] 消失
} {$count} 条（{$reports} 份报告）
impact-example = 例：{$place} {$text}
impact-more = …另有 {$count} 条
impact-reworded = 同一位置的问题措辞改变 {$count} 条（不计入新增或消失）：
impact-before = 原：{$text}
impact-after = 现：{$text}
impact-by-report = 按报告：
impact-report = {$path}：新增 {$appeared} 条，消失 {$disappeared} 条
impact-unreadable = 无法读取的文件 {$count} 个：
impact-no-change = 这次规则变更不改变任何检查结果。
