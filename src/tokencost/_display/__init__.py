"""Display for people: money to the cent with the rounding named, short reprs, notebook HTML,
DataFrames that plot. Nothing here changes a value; exact figures stay one attribute away."""
