#!/usr/bin/python3
"""Reference values for the Graphs tests, computed with NetworkX (never with Archipelago code).

Run with Debian's interpreter (python3-networkx 2.8.8):
    /usr/bin/python3 make_reference.py /work/shared/data
Writes networkx_reference.csv (graph,node,metric,value), directed_gnp.csv (the generated directed test graph),
and networkx_versions.json next to this script.
"""
import csv, json, os, platform, sys
import networkx as nx
import numpy, scipy

here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
rows = []


def read(path, weighted, directed=False):
    G = nx.DiGraph() if directed else nx.Graph()
    with open(path) as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            if weighted:
                G.add_edge(row[0], row[1], weight=float(row[2]))
            else:
                G.add_edge(row[0], row[1])
    return G


def put(graph, metric, values):
    if isinstance(values, dict):
        for k, v in values.items():
            rows.append((graph, k, metric, repr(float(v))))
    else:
        rows.append((graph, "", metric, repr(float(values))))


def node_metrics(name, G, weighted, structural_holes=True):
    put(name, "degree", dict(G.degree()))
    put(name, "degree_centrality", nx.degree_centrality(G))
    put(name, "betweenness", nx.betweenness_centrality(G))
    put(name, "betweenness_raw", nx.betweenness_centrality(G, normalized=False))
    put(name, "closeness", nx.closeness_centrality(G))
    put(name, "closeness_nowf", nx.closeness_centrality(G, wf_improved=False))
    put(name, "harmonic", nx.harmonic_centrality(G))
    put(name, "pagerank", nx.pagerank(G, weight=None))
    if G.is_directed():
        put(name, "eigenvector", nx.eigenvector_centrality(G, max_iter=100000, tol=1e-15))
    else:
        put(name, "eigenvector", nx.eigenvector_centrality_numpy(G))
    put(name, "clustering", nx.clustering(G.to_undirected() if G.is_directed() else G))
    if structural_holes:
        put(name, "constraint", nx.constraint(G))
        put(name, "effective_size", nx.effective_size(G))
    if weighted:
        put(name, "weighted_degree", dict(G.degree(weight="weight")))
        put(name, "betweenness_weighted", nx.betweenness_centrality(G, weight="weight"))
        put(name, "closeness_weighted", nx.closeness_centrality(G, distance="weight"))
        put(name, "harmonic_weighted", nx.harmonic_centrality(G, distance="weight"))
        put(name, "pagerank_weighted", nx.pagerank(G, weight="weight"))
        put(name, "eigenvector_weighted", nx.eigenvector_centrality_numpy(G, weight="weight"))
        if structural_holes:
            put(name, "constraint_weighted", nx.constraint(G, weight="weight"))
            put(name, "effective_size_weighted", nx.effective_size(G, weight="weight"))
    put(name, "density", nx.density(G))
    U = G.to_undirected() if G.is_directed() else G
    put(name, "components", nx.number_connected_components(U))
    put(name, "transitivity", nx.transitivity(U))
    put(name, "average_clustering", nx.average_clustering(U))


def louvain(name, G, weight=None):
    mods = []
    for seed in range(5):
        comms = nx.community.louvain_communities(G, weight=weight, seed=seed)
        mods.append(nx.community.modularity(G, comms, weight=weight))
    suffix = "" if weight is None else "_weighted"
    put(name, "louvain_modularity_max5" + suffix, max(mods))
    put(name, "louvain_modularity_seed0" + suffix, mods[0])


karate = read(os.path.join(data, "network-karate-club", "karate_edges.csv"), True)
node_metrics("karate", karate, True)
louvain("karate", karate)
louvain("karate", karate, "weight")
clubs = {}
with open(os.path.join(data, "network-karate-club", "karate_nodes.csv")) as f:
    for row in list(csv.reader(f))[1:]:
        clubs.setdefault(row[1], set()).add(row[0])
put("karate", "club_modularity", nx.community.modularity(karate, clubs.values(), weight=None))
put("karate", "club_modularity_weighted", nx.community.modularity(karate, clubs.values(), weight="weight"))
put("karate", "club_modularity_resolution_0.5", nx.community.modularity(karate, clubs.values(), weight=None, resolution=0.5))

flo = read(os.path.join(data, "network-networkx-classics", "florentine_families_edges.csv"), False)
node_metrics("florentine", flo, False)
louvain("florentine", flo)

lesmis = read(os.path.join(data, "network-networkx-classics", "les_miserables_edges.csv"), True)
node_metrics("lesmis", lesmis, True)
louvain("lesmis", lesmis)
louvain("lesmis", lesmis, "weight")

davis = read(os.path.join(data, "network-networkx-classics", "davis_southern_women_bipartite_edges.csv"), False)
node_metrics("davis", davis, False)
louvain("davis", davis)

# Isolated node: Pucci (absent from the edge list, present in Padgett's data)
iso = flo.copy(); iso.add_node("Pucci")
node_metrics("florentine_isolate", iso, False)
# Self-loops (nx.Graph semantics) plus the isolate; NetworkX's Burt measures treat a self-loop as a contact, so skipped
loops = iso.copy(); loops.add_edge("Medici", "Medici"); loops.add_edge("Strozzi", "Strozzi")
node_metrics("florentine_loops", loops, False, structural_holes=False)
half = {"Medici", "Tornabuoni", "Albizzi", "Ginori", "Barbadori", "Salviati", "Pazzi", "Acciaiuoli", "Ridolfi"}
put("florentine_loops", "modularity_medici_split", nx.community.modularity(loops, [half, set(loops) - half]))

# A directed random graph, written out so both tools read the same edges
D = nx.gnp_random_graph(40, 0.1, seed=11, directed=True)
with open(os.path.join(here, "directed_gnp.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n"); w.writerow(["source", "target"])
    for u, v in D.edges(): w.writerow([u, v])
for v in D.nodes(): pass
D = read(os.path.join(here, "directed_gnp.csv"), False, directed=True)
put("directed_gnp", "strongly_connected", 1 if nx.is_strongly_connected(D) else 0)
node_metrics("directed_gnp", D, False)
put("directed_gnp", "in_degree", dict(D.in_degree()))
put("directed_gnp", "out_degree", dict(D.out_degree()))

# ca-GrQc (SNAP): global values and per-node values for the first 300 node ids in file order
G = nx.Graph()
with open(os.path.join(data, "network-snap-ca-grqc", "CA-GrQc.txt")) as f:
    for line in f:
        if line.startswith("#"): continue
        a, b = line.split()
        G.add_edge(a, b)
put("grqc", "nodes", G.number_of_nodes()); put("grqc", "edges", G.number_of_edges())
put("grqc", "selfloops", nx.number_of_selfloops(G))
put("grqc", "density", nx.density(G)); put("grqc", "components", nx.number_connected_components(G))
put("grqc", "largest_component", max(len(c) for c in nx.connected_components(G)))
put("grqc", "average_clustering", nx.average_clustering(G)); put("grqc", "transitivity", nx.transitivity(G))
first = list(G.nodes())[:300]
bc = nx.betweenness_centrality(G)
cl = nx.closeness_centrality(G)
pr = nx.pagerank(G, weight=None)
ev = nx.eigenvector_centrality_numpy(G)
put("grqc", "betweenness", {v: bc[v] for v in first})
put("grqc", "closeness", {v: cl[v] for v in first})
put("grqc", "pagerank", {v: pr[v] for v in first})
put("grqc", "eigenvector", {v: ev[v] for v in first})
louvain("grqc", G)

with open(os.path.join(here, "networkx_reference.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n"); w.writerow(["graph", "node", "metric", "value"]); w.writerows(rows)
with open(os.path.join(here, "networkx_versions.json"), "w") as f:
    json.dump({"python": platform.python_version(), "networkx": nx.__version__, "numpy": numpy.__version__,
               "scipy": scipy.__version__, "interpreter": sys.executable}, f, indent=1)
print(len(rows), "rows")
