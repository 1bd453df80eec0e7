# Reference descriptives for psych::bfi items: psych::describe(type = 2) gives SPSS's G1/G2 skewness and kurtosis;
# quantile(type = 6) is SPSS's HAVERAGE percentile definition; SE of skewness/kurtosis by the SPSS formulas.
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) > 0) args[1] else "/work/shared/data/survey-psych-bfi/bfi.csv"
suppressMessages(library(psych))
d <- read.csv(path)
vars <- c(paste0(rep(c("A","C","E","N","O"), each = 5), 1:5), "education", "age")
ds <- describe(d[, vars], type = 2)
q <- t(sapply(vars, function(v) quantile(d[[v]], c(.25, .5, .75), type = 6, na.rm = TRUE)))
n <- ds$n
se_skew <- sqrt(6 * n * (n - 1) / ((n - 2) * (n + 1) * (n + 3)))
se_kurt <- sqrt(4 * (n^2 - 1) * se_skew^2 / ((n - 3) * (n + 5)))
out <- data.frame(variable = vars, n = n, mean = ds$mean, sd = ds$sd, skew = ds$skew, kurtosis = ds$kurtosis,
                  se_mean = ds$se, min = ds$min, max = ds$max, q1 = q[, 1], median = q[, 2], q3 = q[, 3],
                  se_skew = se_skew, se_kurt = se_kurt)
write.csv(out, "descriptives_bfi.csv", row.names = FALSE)
writeLines(c(R.version.string, paste("psych", as.character(packageVersion("psych")))), "descriptives_bfi_R_version.txt")
