package org.newswatch.ingest.story;

/**
 * Logistic regression with an L2 penalty on the weights (not the bias), fitted by Newton's method:
 * the weights that make {@code sigmoid(w · x + b)} the likeliest probability of the labels. The
 * loss is convex and the penalty makes its Hessian positive definite, so Newton's steps (halved
 * while the loss does not fall) reach the one minimum in a few dozen iterations for the twenty or
 * so features of a {@link LinkRule}.
 *
 * @param weights one per feature
 * @param bias the intercept: the weights' score at which the probability is one half is {@code
 *     -bias}
 */
record LogisticFit(double[] weights, double bias) {
  static final int MAX_ITERATIONS = 100;

  /** Stop when no parameter moves by more than this in a step. */
  static final double TOLERANCE = 1e-9;

  /**
   * Fits rows {@code x} (each of the same length) to labels {@code y}, with penalty {@code lambda /
   * 2 · |w|²}.
   */
  static LogisticFit fit(double[][] x, boolean[] y, double lambda) {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("rows " + x.length + ", labels " + y.length);
    }
    int d = x[0].length + 1; // the bias last, its feature always 1
    double[] theta = new double[d];
    double loss = loss(x, y, lambda, theta);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int r = 0; r < x.length; r++) {
        double p = sigmoid(dot(theta, x[r]));
        double residual = p - (y[r] ? 1 : 0);
        double curvature = p * (1 - p);
        for (int i = 0; i < d; i++) {
          double xi = i < d - 1 ? x[r][i] : 1;
          gradient[i] += residual * xi;
          for (int j = 0; j <= i; j++) {
            double xj = j < d - 1 ? x[r][j] : 1;
            hessian[i][j] += curvature * xi * xj;
          }
        }
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          hessian[j][i] = hessian[i][j];
        }
        // The bias is not penalised; a tiny ridge keeps its row solvable when every p is 0 or 1.
        double ridge = i < d - 1 ? lambda : 1e-9;
        hessian[i][i] += ridge;
        gradient[i] += ridge * theta[i];
      }
      double[] step = solve(hessian, gradient);
      double scale = 1;
      double[] next = new double[d];
      double nextLoss;
      do {
        for (int i = 0; i < d; i++) {
          next[i] = theta[i] - scale * step[i];
        }
        nextLoss = loss(x, y, lambda, next);
        scale /= 2;
      } while (nextLoss > loss && scale > 1e-6);
      double moved = 0;
      for (int i = 0; i < d; i++) {
        moved = Math.max(moved, Math.abs(next[i] - theta[i]));
      }
      theta = next;
      loss = nextLoss;
      if (moved < TOLERANCE) {
        break;
      }
    }
    double[] w = new double[d - 1];
    System.arraycopy(theta, 0, w, 0, d - 1);
    return new LogisticFit(w, theta[d - 1]);
  }

  /** The probability the fit gives a row. */
  double probability(double[] row) {
    double s = bias;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * row[i];
    }
    return sigmoid(s);
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** theta · (row, 1). */
  private static double dot(double[] theta, double[] row) {
    double s = theta[theta.length - 1];
    for (int i = 0; i < row.length; i++) {
      s += theta[i] * row[i];
    }
    return s;
  }

  /** The penalised negative log-likelihood. */
  private static double loss(double[][] x, boolean[] y, double lambda, double[] theta) {
    double loss = 0;
    for (int r = 0; r < x.length; r++) {
      double z = dot(theta, x[r]);
      // log(1 + e^z) - y z, written so that a large |z| does not overflow.
      loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (y[r] ? z : 0);
    }
    for (int i = 0; i < theta.length - 1; i++) {
      loss += lambda / 2 * theta[i] * theta[i];
    }
    return loss;
  }

  /** Solves a x = b for a symmetric positive definite a, by Cholesky's factorisation. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (s <= 0) {
            throw new IllegalStateException("matrix not positive definite at row " + i);
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * z[k];
      }
      z[i] = s / l[i][i];
    }
    double[] out = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * out[k];
      }
      out[i] = s / l[i][i];
    }
    return out;
  }
}
