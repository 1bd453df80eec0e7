# Reference fits for Archipelago.Numerics.TimeSeries growth curves, computed by R's nls (Gauss-Newton).
# Run: Rscript growth_curves.R > growth_curves.csv   (from this folder)
# Output: long CSV  case,quantity,name,value  with 17 significant digits.
# Parameterisations (the same as ours, so coefficients compare directly):
#   logistic  y = K / (1 + exp(-r (t - t0)))
#   gompertz  y = K exp(-exp(-r (t - t0)))
#   bass      y = m (1 - exp(-(p+q) s)) / (1 + (q/p) exp(-(p+q) s)),  s = t - origin
# Starting values come from the self-starting models SSlogis / SSgompertz (converted), so R finds its own optimum.
# nls.control(tol = 1e-10, else 1e-9 ... 1e-6 when Gauss-Newton cannot go further; nls_tol/nls_finTol record which): the tighter relative-offset criterion puts R's estimate at the least-squares optimum to
# ~1e-9 relative, so a 1e-6 comparison tests the optimum, not R's default stopping point (tol = 1e-5).
# Intervals: "wald_normal" = confint.default (estimate +- qnorm(0.975) SE);
#            "wald_t"      = estimate +- qt(0.975, df) SE (the t-based Wald interval; computed here from coef/vcov).
# Information criteria: logLik.nls (unweighted): -n/2 (log(2 pi) + 1 - log(n) + log(RSS)), df = p + 1;
#   AIC(), BIC() from R; AICc = AIC + 2 k (k + 1) / (n - k - 1) with k = p + 1 (formula, not a base-R function).
# Forecasts: delta method with the analytic gradient from deriv(): se = sqrt(g' V g), V = vcov(fit);
#   confidence = yhat +- qt(0.975, df) se; prediction = yhat +- qt(0.975, df) sqrt(se^2 + sigma^2).
options(digits = 17)
out <- data.frame(case = character(), quantity = character(), name = character(), value = character())
emit <- function(case, quantity, name, value) {
  out[nrow(out) + 1, ] <<- list(case, quantity, name, formatC(value, digits = 17, format = "g"))
}
out[1, ] <- list("meta", "R.version.string", R.version.string, "")

forms <- list(
  logistic = y ~ K / (1 + exp(-r * (t - t0))),
  gompertz = y ~ K * exp(-exp(-r * (t - t0))),
  bass     = y ~ m * (1 - exp(-(p + q) * (t - origin))) / (1 + (q / p) * exp(-(p + q) * (t - origin)))
)

# Fitting formulas call deriv()-generated functions, so nls uses the analytic gradient (its "gradient" attribute)
# rather than numericDeriv's forward differences, whose ~1e-7 relative error would leak into SE and vcov.
grad_fn <- function(model) deriv(forms[[model]][[3]], c(if (model == "bass") c("m", "p", "q") else c("K", "r", "t0")),
                                 function.arg = c(if (model == "bass") c("m", "p", "q") else c("K", "r", "t0"), "t", if (model == "bass") "origin"))
logistic_g <- grad_fn("logistic"); gompertz_g <- grad_fn("gompertz"); bass_g <- grad_fn("bass")
fit_forms <- list(
  logistic = y ~ logistic_g(K, r, t0, t),
  gompertz = y ~ gompertz_g(K, r, t0, t),
  bass     = y ~ bass_g(m, p, q, t, origin)
)

report <- function(case, model, d, fit, forecast_t, origin = NA) {
  s <- summary(fit)
  cf <- coef(s)
  n <- nrow(d); np <- length(coef(fit)); df <- n - np
  emit(case, "n", "", n); emit(case, "df", "", df)
  emit(case, "nls_tol", "", fit$control$tol); emit(case, "nls_finTol", "", fit$convInfo$finTol)
  for (nm in rownames(cf)) {
    emit(case, "estimate", nm, cf[nm, 1]); emit(case, "se", nm, cf[nm, 2])
    emit(case, "t", nm, cf[nm, 3]); emit(case, "p", nm, cf[nm, 4])
  }
  ci <- confint.default(fit, level = 0.95)
  for (nm in rownames(ci)) { emit(case, "wald_normal_low", nm, ci[nm, 1]); emit(case, "wald_normal_high", nm, ci[nm, 2]) }
  qt975 <- qt(0.975, df)
  for (nm in rownames(cf)) {
    emit(case, "wald_t_low", nm, cf[nm, 1] - qt975 * cf[nm, 2]); emit(case, "wald_t_high", nm, cf[nm, 1] + qt975 * cf[nm, 2])
  }
  emit(case, "qt975", "", qt975)
  emit(case, "sigma", "", s$sigma)
  emit(case, "rss", "", deviance(fit))
  ll <- logLik(fit)
  emit(case, "loglik", "", as.numeric(ll)); emit(case, "loglik_df", "", attr(ll, "df"))
  emit(case, "aic", "", AIC(fit)); emit(case, "bic", "", BIC(fit))
  k <- attr(ll, "df")
  emit(case, "aicc", "", AIC(fit) + 2 * k * (k + 1) / (n - k - 1))
  V <- vcov(fit)
  for (i in seq_len(np)) for (j in seq_len(np)) emit(case, "vcov", paste(names(coef(fit))[i], names(coef(fit))[j], sep = ":"), V[i, j])
  # delta-method forecasts
  g <- deriv(forms[[model]][[3]], names(coef(fit)), function.arg = c(names(coef(fit)), "t", if (model == "bass") "origin"))
  for (tt in forecast_t) {
    args <- c(as.list(coef(fit)), list(t = tt)); if (model == "bass") args$origin <- origin
    val <- do.call(g, args)
    grad <- attr(val, "gradient")
    se <- sqrt(as.numeric(grad %*% V %*% t(grad)))
    yhat <- as.numeric(val)
    nm <- formatC(tt, digits = 17, format = "g")
    emit(case, "fc_fit", nm, yhat); emit(case, "fc_se", nm, se)
    emit(case, "fc_conf_low", nm, yhat - qt975 * se); emit(case, "fc_conf_high", nm, yhat + qt975 * se)
    ps <- sqrt(se^2 + s$sigma^2)
    emit(case, "fc_pred_low", nm, yhat - qt975 * ps); emit(case, "fc_pred_high", nm, yhat + qt975 * ps)
  }
}

# Tightest relative-offset tolerance Gauss-Newton reaches in double precision: try 1e-10, then 1e-9 ... 1e-6 (R default 1e-5).
tight_nls <- function(formula, data, start) {
  for (tol in c(1e-10, 1e-9, 1e-8, 1e-7, 1e-6)) {
    fit <- tryCatch(nls(formula, data = data, start = start, control = nls.control(tol = tol, maxiter = 1000)), error = function(e) NULL)
    if (!is.null(fit)) return(fit)
  }
  stop("nls did not converge at tol 1e-6")
}

fit_logistic <- function(d) {
  ss <- coef(nls(y ~ SSlogis(t, Asym, xmid, scal), data = d))
  tight_nls(fit_forms$logistic, d, list(K = ss[["Asym"]], r = 1 / ss[["scal"]], t0 = ss[["xmid"]]))
}
fit_gompertz <- function(d) {
  # SSgompertz on centred time (b3^t overflows for calendar years), then converted: r = -log(b3), t0 = c + log(b2) / r.
  c0 <- mean(d$t)
  dc <- data.frame(tc = d$t - c0, y = d$y)
  ss <- coef(nls(y ~ SSgompertz(tc, Asym, b2, b3), data = dc))
  r <- -log(ss[["b3"]])
  tight_nls(fit_forms$gompertz, d, list(K = ss[["Asym"]], r = r, t0 = c0 + log(ss[["b2"]]) / r))
}

# 1. datasets::uspop, US census population (millions), 1790-1970 by decade.
d <- data.frame(t = as.numeric(time(uspop)), y = as.numeric(uspop))
report("uspop_logistic", "logistic", d, fit_logistic(d), c(1980, 2000))
report("uspop_gompertz", "gompertz", d, fit_gompertz(d), c(1980, 2000))

# 2. datasets::DNase, Run 1 (the ?SSlogis and ?SSgompertz examples): density against log(conc); duplicated x.
DNase1 <- subset(DNase, Run == 1)
d <- data.frame(t = log(DNase1$conc), y = DNase1$density)
report("dnase1_logistic", "logistic", d, fit_logistic(d), c(3))
report("dnase1_gompertz", "gompertz", d, fit_gompertz(d), c(3))

# 3. datasets::Orange, Tree 1 (the ?nls / ?SSlogis example): circumference (mm) against age (days), 7 points.
o <- subset(Orange, Tree == 1)
d <- data.frame(t = as.numeric(o$age), y = as.numeric(o$circumference))
report("orange1_logistic", "logistic", d, fit_logistic(d), c(1800))
report("orange1_gompertz", "gompertz", d, fit_gompertz(d), c(1800))

# 1b. uspop with gaps: censuses 1850, 1900 and 1940 removed (periods are explicit years, not positions).
d <- data.frame(t = as.numeric(time(uspop)), y = as.numeric(uspop))
d <- d[!(d$t %in% c(1850, 1900, 1940)), ]
report("uspopgap_logistic", "logistic", d, fit_logistic(d), c(1980))
report("uspopgap_gompertz", "gompertz", d, fit_gompertz(d), c(1980))

# 4. Bass on cumulative sales: annual sales 840 ... 5890 for 1979-1988 (t = 1..10), the worked example of
#    Chengjun Wang, "Bass diffusion model", https://rpubs.com/chengjun/bass_model (2012), reproduced in agk79/Bass.
#    Cumulated here; origin = 1978 (t - origin = 1 for 1979).
sales <- c(840, 1470, 2110, 4000, 7590, 10950, 10530, 9470, 7790, 5890)
d <- data.frame(t = 1979:1988, y = cumsum(sales))
origin <- 1978
lg <- fit_logistic(d)
fit <- tight_nls(fit_forms$bass, cbind(d, origin = origin), list(m = coef(lg)[["K"]], p = 0.01, q = coef(lg)[["r"]]))
report("sales_bass", "bass", d, fit, c(1990), origin = origin)
report("sales_logistic", "logistic", d, lg, c(1990))
report("sales_gompertz", "gompertz", d, fit_gompertz(d), c(1990))

write.csv(out, stdout(), row.names = FALSE, quote = TRUE)
