"""What the mechanism costs: saved, versioned costing scenarios, their estimates, comparisons and exports."""
