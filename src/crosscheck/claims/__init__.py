"""Claims: check-worthy statements with their attribution, hedges, quantities, times and entities."""
