"""Plots (matplotlib, the optional ``plot`` extra): where a claim holds, cost against volume, price
history. Each function returns the matplotlib Figure it drew on; pass ``ax=`` to draw into yours.
matplotlib is imported only when a plot is asked for, never by ``import tokencost``."""
