"""Pure shaping for figures over time: comparisons and sentences, control charts, the explorer's address."""
