#!/usr/bin/python3
"""NetworkX side of the benchmark; prints tool,graph,task,seconds,note rows."""
import sys, time
import networkx as nx

path, name = sys.argv[1], sys.argv[2]
skip_slow = len(sys.argv) > 3 and sys.argv[3] == "--skip-slow"


def row(task, seconds, note=""):
    print(f"networkx,{name},{task},{seconds:.3f},{note}", flush=True)


t = time.perf_counter()
G = nx.Graph()
with open(path) as f:
    for line in f:
        if not line.strip() or line[0] == "#" or line[0].isalpha():
            continue
        a, b = line.replace(",", " ").split()
        G.add_edge(int(a), int(b))
row("load", time.perf_counter() - t, f"n={G.number_of_nodes()} m={G.number_of_edges()}")
if not skip_slow:
    t = time.perf_counter(); nx.betweenness_centrality(G); row("betweenness_exact", time.perf_counter() - t)
    t = time.perf_counter(); nx.pagerank(G, weight=None); nx.eigenvector_centrality(G); nx.closeness_centrality(G)
    row("pagerank+eigenvector+closeness", time.perf_counter() - t)
t = time.perf_counter(); c = nx.community.louvain_communities(G, seed=42)
row("louvain", time.perf_counter() - t, f"Q={nx.community.modularity(G, c):.4f}")
t = time.perf_counter(); nx.clustering(G); row("clustering", time.perf_counter() - t)
if not skip_slow:
    t = time.perf_counter(); nx.constraint(G); row("constraint", time.perf_counter() - t)
