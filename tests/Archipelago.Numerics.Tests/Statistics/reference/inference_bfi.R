# Reference values for correlation, t-tests, Levene, ANOVA + Tukey HSD, Mann-Whitney, Kruskal-Wallis, chi-square,
# KMO, Bartlett and exploratory factor analysis on psych::bfi (the copy in /work/shared/data/survey-psych-bfi/bfi.csv),
# written as name,value rows to inference_bfi.csv. Independent of the C# code: base R, car and psych (+ GPArotation).
# Run (in this folder): Rscript inference_bfi.R /work/shared/data/survey-psych-bfi/bfi.csv /work/shared/data/nist-strd-anova/SiRstvt.dat
suppressMessages({ library(psych); library(car); library(GPArotation) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(if (length(args) > 0) args[1] else "/work/shared/data/survey-psych-bfi/bfi.csv")
out <- new.env(); out$rows <- list()
put <- function(name, v) {
  if (is.matrix(v)) { for (i in seq_len(nrow(v))) for (j in seq_len(ncol(v))) put(sprintf("%s[%d;%d]", name, i, j), v[i, j]) }
  else if (length(v) > 1) { for (i in seq_along(v)) put(sprintf("%s[%d]", name, i), v[[i]]) }
  else out$rows[[length(out$rows) + 1]] <- data.frame(name = name, value = sprintf("%.17g", as.numeric(v)))
}
items <- paste0(rep(c("A","C","E","N","O"), each = 5), 1:5)

# Correlation matrices (psych::corr.test: pairwise n, p from t = r sqrt(n-2)/sqrt(1-r^2), unadjusted)
cv <- c("A1","A2","A3","gender","education","age")
for (m in c("pearson", "spearman")) {
  ct <- corr.test(d[, cv], method = m, adjust = "none")
  put(paste0("corr.", m, ".r"), ct$r); put(paste0("corr.", m, ".p"), ct$p); put(paste0("corr.", m, ".n"), ct$n)
}

# t-tests
t1 <- t.test(d$A1, mu = 3); put("t.one.t", t1$statistic); put("t.one.df", t1$parameter); put("t.one.p", t1$p.value); put("t.one.ci", t1$conf.int)
tp <- t.test(d$A1, d$A2, paired = TRUE); put("t.paired.t", tp$statistic); put("t.paired.df", tp$parameter); put("t.paired.p", tp$p.value); put("t.paired.ci", tp$conf.int)
g1 <- d$age[d$gender == 1]; g2 <- d$age[d$gender == 2]
ts <- t.test(g1, g2, var.equal = TRUE); put("t.student.t", ts$statistic); put("t.student.df", ts$parameter); put("t.student.p", ts$p.value); put("t.student.ci", ts$conf.int)
tw <- t.test(g1, g2); put("t.welch.t", tw$statistic); put("t.welch.df", tw$parameter); put("t.welch.p", tw$p.value); put("t.welch.ci", tw$conf.int)
for (ce in c("mean", "median")) {
  lt <- leveneTest(age ~ factor(gender), data = d, center = ce)
  put(paste0("levene.", ce, ".F"), lt[1, "F value"]); put(paste0("levene.", ce, ".p"), lt[1, "Pr(>F)"])
  le <- leveneTest(A1 ~ factor(education), data = d, center = ce)
  put(paste0("levene3.", ce, ".F"), le[1, "F value"]); put(paste0("levene3.", ce, ".p"), le[1, "Pr(>F)"])
}

# One-way ANOVA and Tukey HSD: A1 by education (5 groups, unequal n) and NIST SiRstvt (5 instruments)
a <- aov(A1 ~ factor(education), data = d); s <- summary(a)[[1]]
put("anova.F", s[1, "F value"]); put("anova.p", s[1, "Pr(>F)"])
tk <- TukeyHSD(a)[[1]]; put("tukey.diff", tk[, "diff"]); put("tukey.lwr", tk[, "lwr"]); put("tukey.upr", tk[, "upr"]); put("tukey.p", tk[, "p adj"])
wide <- as.matrix(read.table(if (length(args) > 1) args[2] else "/work/shared/data/nist-strd-anova/SiRstvt.dat", skip = 60))  # data lines 61-65, one column per instrument
si <- data.frame(instrument = rep(seq_len(ncol(wide)), each = nrow(wide)), y = as.vector(wide))
tn <- TukeyHSD(aov(y ~ factor(instrument), data = si))[[1]]
put("nist.tukey.diff", tn[, "diff"]); put("nist.tukey.lwr", tn[, "lwr"]); put("nist.tukey.upr", tn[, "upr"]); put("nist.tukey.p", tn[, "p adj"])
put("ptukey.3.5.10", ptukey(3.5, 5, 10, lower.tail = FALSE)); put("ptukey.2.2.1000", ptukey(2, 2, 1000, lower.tail = FALSE))
put("ptukey.6.20.30", ptukey(6, 20, 30, lower.tail = FALSE))

# Mann-Whitney (R wilcox.test): exact without ties, normal with tie and continuity correction otherwise
x <- c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46); y <- c(1.15, 0.88, 0.90, 0.74, 1.21)
w <- wilcox.test(x, y); put("mw.exact.W", w$statistic); put("mw.exact.p", w$p.value)
w <- wilcox.test(A1 ~ gender, data = d); put("mw.bfi.W", w$statistic); put("mw.bfi.p", w$p.value)
w <- wilcox.test(A1 ~ gender, data = d, correct = FALSE); put("mw.bfi.nocorrect.p", w$p.value)
k <- kruskal.test(A1 ~ education, data = d); put("kw.H", k$statistic); put("kw.df", k$parameter); put("kw.p", k$p.value)

# Chi-square test of independence (Yates on 2x2 as chisq.test does by default)
c1 <- chisq.test(table(d$gender, d$education)); put("chisq.X2", c1$statistic); put("chisq.df", c1$parameter); put("chisq.p", c1$p.value)
c2 <- chisq.test(table(d$gender, d$A1 > 3)); put("chisq22.X2", c2$statistic); put("chisq22.p", c2$p.value)
c3 <- chisq.test(table(d$gender, d$A1 > 3), correct = FALSE); put("chisq22.nocorrect.X2", c3$statistic)

# KMO and Bartlett on the 25 items (pairwise correlations; Bartlett with n = rows, as psych does for raw data)
R <- cor(d[, items], use = "pairwise")
km <- KMO(R); put("kmo.msa", km$MSA); put("kmo.item", km$MSAi)
b <- cortest.bartlett(R, n = nrow(d)); put("bartlett.chisq", b$chisq); put("bartlett.df", b$df); put("bartlett.p", b$p.value)

# EFA: psych::fa (principal axis, defaults min.err = .001, max.iter = 50) and psych::principal, 5 factors
put("efa.values", eigen(R)$values)
for (rot in c("none", "varimax", "promax", "oblimin")) {
  f <- fa(d[, items], nfactors = 5, fm = "pa", rotate = rot)
  put(paste0("efa.pa.", rot, ".loadings"), unclass(f$loadings)); put(paste0("efa.pa.", rot, ".h2"), f$communality)
  if (!is.null(f$Phi)) put(paste0("efa.pa.", rot, ".phi"), f$Phi)
  p <- principal(d[, items], nfactors = 5, rotate = rot)
  put(paste0("efa.pc.", rot, ".loadings"), unclass(p$loadings)); put(paste0("efa.pc.", rot, ".h2"), p$communality)
}
f <- fa(d[, items], nfactors = 5, fm = "pa", rotate = "none"); put("efa.pa.reduced_values", f$values)
# Parallel analysis (random: compare means with a tolerance and the suggested numbers exactly)
set.seed(42)
pa <- fa.parallel(d[, items], fm = "pa", n.iter = 100, SMC = TRUE, plot = FALSE)
put("parallel.fa.observed", pa$fa.values); put("parallel.pc.observed", pa$pc.values)
put("parallel.fa.sim", pa$fa.sim); put("parallel.pc.sim", pa$pc.sim); put("parallel.nfact", pa$nfact); put("parallel.ncomp", pa$ncomp)

write.csv(do.call(rbind, out$rows), "inference_bfi.csv", row.names = FALSE, quote = FALSE)
writeLines(c(R.version.string, paste("psych", as.character(packageVersion("psych"))), paste("car", as.character(packageVersion("car"))),
  paste("GPArotation", as.character(packageVersion("GPArotation")))), "inference_bfi_R_version.txt")
