# Reference for SPSS-style stepwise selection on psych::bfi (PIN .05, POUT .10), scripted step by step
# with partial F tests (add1/drop1, test = "F") and lm() — independent of the C# implementation.
# Dependent: age; candidates: the 25 items plus gender and education; listwise complete cases.
# Run: Rscript stepwise_bfi.R ../../../../../shared/data/survey-psych-bfi/bfi.csv
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) > 0) args[1] else "/work/shared/data/survey-psych-bfi/bfi.csv"
d <- read.csv(path)
cands <- c(paste0(rep(c("A","C","E","N","O"), each = 5), 1:5), "gender", "education")
d <- d[complete.cases(d[, c("age", cands)]), c("age", cands)]
n <- nrow(d)
pin <- 0.05; pout <- 0.10
inm <- character(0)
steps <- list(); excl <- list(); coefs <- list()
fit_of <- function(vars) lm(as.formula(paste("age ~", if (length(vars)) paste(vars, collapse = "+") else "1")), data = d)
sd_y <- sd(d$age)
step <- 0
repeat {
  action <- NULL
  if (length(inm) > 0) {
    dr <- drop1(fit_of(inm), test = "F")
    dr <- dr[-1, , drop = FALSE]
    worst <- rownames(dr)[which.max(dr[["Pr(>F)"]])]
    if (max(dr[["Pr(>F)"]]) > pout) { inm <- setdiff(inm, worst); action <- c("removed", worst) }
  }
  if (is.null(action)) {
    out <- setdiff(cands, inm)
    if (length(out) == 0) break
    ad <- add1(fit_of(inm), scope = as.formula(paste("~ . +", paste(out, collapse = "+"))), test = "F")
    ad <- ad[-1, , drop = FALSE]
    best <- rownames(ad)[which.min(ad[["Pr(>F)"]])]
    if (min(ad[["Pr(>F)"]]) <= pin) { inm <- c(inm, best); action <- c("entered", best) } else break
  }
  step <- step + 1
  f <- fit_of(inm); s <- summary(f)
  fs <- s$fstatistic
  steps[[step]] <- data.frame(model = step, action = action[1], variable = action[2],
    r_squared = s$r.squared, adj_r_squared = s$adj.r.squared, se_estimate = s$sigma,
    f = fs[1], df1 = fs[2], df2 = fs[3], p_f = pf(fs[1], fs[2], fs[3], lower.tail = FALSE))
  cf <- s$coefficients
  beta <- c(NA, coef(f)[-1] * sapply(inm, function(v) sd(d[[v]])) / sd_y)
  coefs[[step]] <- data.frame(model = step, term = c("(Constant)", inm), b = cf[, 1], se = cf[, 2], beta = beta,
                              t = cf[, 3], p = cf[, 4])
  for (v in setdiff(cands, inm)) {
    g <- summary(fit_of(c(inm, v)))
    tv <- g$coefficients[v, 3]; dfr <- g$df[2]
    tol <- if (length(inm)) 1 - summary(lm(as.formula(paste(v, "~", paste(inm, collapse = "+"))), data = d))$r.squared else 1
    excl[[length(excl) + 1]] <- data.frame(model = step, variable = v,
      beta_in = g$coefficients[v, 1] * sd(d[[v]]) / sd_y, t = tv, p = g$coefficients[v, 4],
      partial = tv / sqrt(tv^2 + dfr), tolerance = tol)
  }
  if (step > 2 * length(cands)) break
}
o <- function(x, file) write.csv(do.call(rbind, x), file, row.names = FALSE)
o(steps, "stepwise_bfi_steps.csv"); o(coefs, "stepwise_bfi_coefficients.csv"); o(excl, "stepwise_bfi_excluded.csv")
writeLines(c(R.version.string, paste("psych (not used)", as.character(packageVersion("psych"))), paste("n =", n)), "stepwise_bfi_R_version.txt")
