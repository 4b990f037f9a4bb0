"""Users, their roles (per State or organization, with dates) and the nominations behind them."""
