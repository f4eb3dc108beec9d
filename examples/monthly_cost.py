"""Recompute the article's workload: 100M tokens/day, what does a month cost, and what does switching save?

Run: python examples/monthly_cost.py
"""
import tokencost as tc

w = tc.Workload(tokens="100M/day", input_share="0.8")  # 30-day month by default
at = "2026-05-01"  # article 004's date

# Claude 3.5 Sonnet was retired on 2025-10-28: priced at a later date it is an error naming the date, so the
# article's comparison is made with its last list price, pinned as MODEL@VERSION
print(tc.compare(w, ["gpt-4o", "claude-3.5-sonnet@caching-2024-08", "gpt-4-turbo", "deepseek-chat",
                     "deepseek-r2@article-004-launch"], at=at)[["model", "version", "status", "rounded"]])

s = tc.savings(w, baseline="gpt-4-turbo", candidate="deepseek-r2@article-004-launch", at=at)
print(s)  # exact Decimal inside: s.absolute

# The same with a calendar month (May has 31 days) and half the traffic sent through OpenAI's Batch API:
w2 = tc.Workload(tokens="100M/day", input_share="0.8", month="calendar", batch_share="0.5")
print(tc.monthly_cost(w2, "gpt-4o", at=at))
