"""Questions in German or English, answered from the graph with citations."""
