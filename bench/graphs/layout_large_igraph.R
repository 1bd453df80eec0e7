#!/usr/bin/env Rscript
# igraph's Fruchterman–Reingold (grid) on a Barabási–Albert graph of the size the app's largest drawings have:
# Rscript layout_large_igraph.R N M  → prints an igraph,ba_N_M,layout_fr row (igraph's own BA generator: same model and
# size as GraphsBench --large, not the same random graph).
suppressMessages(library(igraph))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[1]); m <- as.integer(args[2])
set.seed(42)
g <- sample_pa(n, m = m, directed = FALSE)
s <- unname(system.time(layout_with_fr(g, niter = 50, grid = "grid"))["elapsed"])
cat(sprintf("igraph,ba_%d_%d,layout_fr,%.3f,iterations=50 grid n=%d m=%d\n", n, m, s, vcount(g), ecount(g)))
