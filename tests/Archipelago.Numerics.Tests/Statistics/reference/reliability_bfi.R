# Reference reliability for the five bfi scales (negatively keyed items reversed as 7 - x):
# psych::alpha (pairwise covariances, psych default) totals, alpha.drop, r.drop, Feldt CI (alpha$feldt);
# McDonald's omega total from psych::omega(x, nfactors = 1) (fm = "minres"), $omega.tot, and the same with each item dropped.
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) > 0) args[1] else "/work/shared/data/survey-psych-bfi/bfi.csv"
suppressMessages(library(psych))
d <- read.csv(path)
scales <- list(agree = c("-A1","A2","A3","A4","A5"), conscientious = c("C1","C2","C3","-C4","-C5"),
  extraversion = c("-E1","-E2","E3","E4","E5"), neuroticism = c("N1","N2","N3","N4","N5"),
  openness = c("O1","-O2","O3","O4","-O5"))
tot <- list(); items <- list()
om <- function(x) suppressWarnings(suppressMessages(omega(x, nfactors = 1, plot = FALSE)))$omega.tot
for (s in names(scales)) {
  keys <- scales[[s]]; nm <- sub("-", "", keys)
  x <- d[, nm]
  for (i in seq_along(keys)) if (startsWith(keys[i], "-")) x[[nm[i]]] <- 7 - x[[nm[i]]]
  a <- suppressWarnings(alpha(x, check.keys = FALSE))
  tot[[s]] <- data.frame(scale = s, raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha,
    average_r = a$total$average_r, feldt_lower = as.numeric(unlist(a$feldt$lower.ci)), feldt_upper = as.numeric(unlist(a$feldt$upper.ci)),
    n_obs = nrow(x), omega_tot = om(x))
  items[[s]] <- data.frame(scale = s, item = nm, alpha_if_deleted = a$alpha.drop$raw_alpha,
    std_alpha_if_deleted = a$alpha.drop$std.alpha, r_drop = a$item.stats$r.drop,
    omega_if_deleted = sapply(seq_along(nm), function(i) om(x[, -i])))
}
write.csv(do.call(rbind, tot), "reliability_bfi_scales.csv", row.names = FALSE)
write.csv(do.call(rbind, items), "reliability_bfi_items.csv", row.names = FALSE)
writeLines(c(R.version.string, paste("psych", as.character(packageVersion("psych"))),
  "omega: psych::omega(x, nfactors = 1)$omega.tot (fm = minres, pairwise correlations)"), "reliability_bfi_R_version.txt")
