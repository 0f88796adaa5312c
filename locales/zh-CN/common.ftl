# 各处共用的词。

# 列举时的分隔符：甲、乙、丙
list-separator = 、
# 较长的条目之间
list-separator-long = ；
severity-error = 错误
severity-warning = 警告
severity-note = 提示
severity-help = 建议
