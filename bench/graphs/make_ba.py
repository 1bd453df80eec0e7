#!/usr/bin/python3
"""Writes the benchmark graph once: networkx.barabasi_albert_graph(10000, 3, seed=42) as 'source,target' CSV."""
import sys
import networkx as nx
G = nx.barabasi_albert_graph(10000, 3, seed=42)
with open(sys.argv[1], "w") as f:
    f.write("source,target\n")
    for u, v in G.edges():
        f.write(f"{u},{v}\n")
