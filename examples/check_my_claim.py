"""Check a claim of your own, and see exactly where it holds.

Run: python examples/check_my_claim.py
"""
from fractions import Fraction

import tokencost as tc

claim = tc.Claim(
    id="my-headline",
    kind="percent_cheaper",
    stated="about 90%",          # as you would write it; 'about' widens to +-10% by default
    basis="blended",
    subject="deepseek-chat",
    baseline="gpt-4o",
    free={"input_share": ["0", "1"]},
    at="2025-03-01",
)
r = tc.check_claim(claim)
print(r.verdict, "-", r.reason)
print(tc.explain(claim))

# A stricter reading of "about": +-2%
strict = tc.check_claim(claim, policy=tc.TolerancePolicy(rough=Fraction(2, 100)))
print("strict:", strict.verdict, "-", strict.reason)
