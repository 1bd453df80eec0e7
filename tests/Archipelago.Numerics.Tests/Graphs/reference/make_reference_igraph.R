#!/usr/bin/env Rscript
# igraph (and sna, for Gould-Fernandez brokerage) reference values for the Graphs tests (never computed with Archipelago code).
# Run: Rscript make_reference_igraph.R /work/shared/data   (Debian r-cran-igraph, r-cran-sna)
# Writes igraph_reference.csv (graph,node,metric,value) and igraph_versions.txt next to this script.
suppressMessages(library(igraph))
args <- commandArgs(trailingOnly = TRUE)
data <- if (length(args) > 0) args[1] else "/work/shared/data"
here <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))))
rows <- list()
put <- function(graph, metric, values, nodes = "") {
  rows[[length(rows) + 1]] <<- data.frame(graph = graph, node = nodes, metric = metric,
                                          value = sprintf("%.17g", values), stringsAsFactors = FALSE)
}
read <- function(path, weighted, directed = FALSE, extra_nodes = character(0)) {
  e <- read.csv(path, colClasses = "character")
  v <- unique(c(as.vector(t(as.matrix(e[, 1:2]))), extra_nodes))
  g <- graph_from_data_frame(e[, 1:2], directed = directed, vertices = data.frame(name = v))
  if (weighted) E(g)$weight <- as.numeric(e[, 3])
  g
}
summarise <- function(name, g, structural_holes = TRUE) {
  put(name, "centr_degree_loops", centr_degree(g, mode = "all", loops = TRUE)$centralization)
  put(name, "centr_degree_noloops", centr_degree(g, mode = "all", loops = FALSE)$centralization)
  put(name, "centr_betw", centr_betw(g, directed = TRUE)$centralization)
  if (structural_holes) {
    put(name, "constraint_unweighted", constraint(g, weights = rep(1, ecount(g))), V(g)$name)
    if (!is.null(E(g)$weight)) put(name, "constraint_weighted", constraint(g), V(g)$name)
  }
}
karate <- read(file.path(data, "network-karate-club", "karate_edges.csv"), TRUE)
summarise("karate", karate)
flo <- read(file.path(data, "network-networkx-classics", "florentine_families_edges.csv"), FALSE)
summarise("florentine", flo)
lesmis <- read(file.path(data, "network-networkx-classics", "les_miserables_edges.csv"), TRUE)
summarise("lesmis", lesmis)
davis <- read(file.path(data, "network-networkx-classics", "davis_southern_women_bipartite_edges.csv"), FALSE)
summarise("davis", davis)
loops <- read(file.path(data, "network-networkx-classics", "florentine_families_edges.csv"), FALSE, extra_nodes = "Pucci")
loops <- add_edges(loops, c("Medici", "Medici", "Strozzi", "Strozzi"))
summarise("florentine_loops", loops, structural_holes = FALSE)
directed <- read(file.path(here, "directed_gnp.csv"), FALSE, directed = TRUE)
summarise("directed_gnp", directed, structural_holes = FALSE)
# Gould & Fernandez brokerage with sna::brokerage (raw counts; w_I coordinator, w_O itinerant, b_IO representative,
# b_OI gatekeeper, b_O liaison). Undirected graphs enter as symmetric adjacency matrices.
suppressMessages(library(sna))
roles <- c(w_I = "coordinator", w_O = "itinerant", b_IO = "representative", b_OI = "gatekeeper", b_O = "liaison")
broker <- function(name, g, groups) {
  raw <- sna::brokerage(as.matrix(as_adjacency_matrix(g, sparse = FALSE)), groups)$raw.nli
  for (r in names(roles)) put(name, paste0("brokerage_", roles[[r]]), raw[, r], V(g)$name)
}
clubs <- read.csv(file.path(data, "network-karate-club", "karate_nodes.csv"), colClasses = "character")
broker("karate", karate, clubs$club[match(V(karate)$name, clubs$node)])
broker("directed_gnp", directed, as.integer(V(directed)$name) %% 3)
out <- do.call(rbind, rows)
write.csv(out, file.path(here, "igraph_reference.csv"), row.names = FALSE, quote = FALSE)
writeLines(c(R.version.string, paste("igraph", as.character(packageVersion("igraph"))),
             paste("sna", as.character(packageVersion("sna")))), file.path(here, "igraph_versions.txt"))
cat(nrow(out), "rows\n")
