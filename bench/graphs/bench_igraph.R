#!/usr/bin/env Rscript
# igraph side of the benchmark; prints tool,graph,task,seconds,note rows.
suppressMessages(library(igraph))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; name <- args[2]
row <- function(task, seconds, note = "") cat(sprintf("igraph,%s,%s,%.3f,%s\n", name, task, seconds, note))
tm <- function(expr) unname(system.time(expr)["elapsed"])
g <- NULL
row("load", tm({
  lines <- readLines(path)
  lines <- lines[!grepl("^(#|[A-Za-z])", lines) & nchar(lines) > 0]
  m <- matrix(as.character(unlist(strsplit(gsub(",", " ", trimws(lines)), "[ \t]+"))), ncol = 2, byrow = TRUE)
  g <- simplify(graph_from_edgelist(m, directed = FALSE), remove.multiple = TRUE, remove.loops = FALSE)
}), sprintf("n=%d m=%d", vcount(g), ecount(g)))
row("betweenness_exact", tm(betweenness(g, normalized = TRUE)))
row("pagerank+eigenvector+closeness", tm({ page_rank(g); eigen_centrality(g); closeness(g) }))
set.seed(42); cl <- NULL
row("louvain", tm(cl <- cluster_louvain(g)), sprintf("Q=%.4f", modularity(cl)))
row("clustering", tm(transitivity(g, type = "local")))
row("constraint", tm(constraint(g)))
# Fruchterman–Reingold with igraph's grid approximation, as many iterations as ours takes for this size.
niter <- if (vcount(g) <= 5000) 200 else if (vcount(g) <= 50000) 100 else 50
row("layout_fr", tm(layout_with_fr(g, niter = niter, grid = "grid")), sprintf("iterations=%d grid", niter))
