/*
 * Reference for `npm run bench`: report 002's 1-h-1 net in plain C.
 *
 *   z_j = W1_j x + b1_j,  a_j = sigmoid(z_j),  o = sum_j W2_j a_j + b2
 *   loss = (1/N) sum_n 1/2 (o_n - y_n)^2, full-batch gradient descent.
 *
 * The natural loops a person would write: over samples, then over hidden
 * units; no hand vectorisation. The training loss is recorded every epoch
 * (entry k = loss with the parameters after k updates) like NN Lab's history.
 *
 * Input (whitespace-separated, written by bench/f1.ts):
 *   n h epochs lr repeats, then x[n], y[n], W1[h], b1[h], W2[h], b2
 * Output: one JSON line with the wall and CPU time of every repeat, the final loss,
 * the loss half-way, and the final parameters (W1, b1, W2, b2).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double clock_ms(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double *read_doubles(FILE *f, int count) {
  double *v = malloc(sizeof(double) * (count > 0 ? count : 1));
  for (int k = 0; k < count; k++)
    if (fscanf(f, "%lf", &v[k]) != 1) { fprintf(stderr, "c_fit: input ended early\n"); exit(2); }
  return v;
}

/* Loss of the whole set with the current parameters; a_hidden is scratch. */
static double loss_of(int n, int h, const double *x, const double *y, const double *W1, const double *b1,
                      const double *W2, double b2) {
  double loss = 0;
  for (int s = 0; s < n; s++) {
    double o = b2;
    for (int j = 0; j < h; j++) o += W2[j] / (1 + exp(-(W1[j] * x[s] + b1[j])));
    double e = o - y[s];
    loss += 0.5 * e * e;
  }
  return loss / n;
}

/* Train `epochs` full-batch steps in place; losses[k] gets the loss before update k. */
static void fit(int n, int h, int epochs, double lr, const double *x, const double *y, double *W1, double *b1,
                double *W2, double *b2, double *losses) {
  double *a = malloc(sizeof(double) * h);
  double *gW1 = malloc(sizeof(double) * h), *gb1 = malloc(sizeof(double) * h), *gW2 = malloc(sizeof(double) * h);
  for (int epoch = 0; epoch < epochs; epoch++) {
    double loss = 0, gb2 = 0;
    for (int j = 0; j < h; j++) gW1[j] = gb1[j] = gW2[j] = 0;
    for (int s = 0; s < n; s++) {
      /* forward */
      double o = *b2;
      for (int j = 0; j < h; j++) {
        a[j] = 1 / (1 + exp(-(W1[j] * x[s] + b1[j])));
        o += W2[j] * a[j];
      }
      double e = o - y[s]; /* dℓ/do for ℓ = ½(o − y)² */
      loss += 0.5 * e * e;
      /* backward: output delta e, hidden delta e·W2_j·a_j(1 − a_j) */
      gb2 += e;
      for (int j = 0; j < h; j++) {
        double delta = e * W2[j] * a[j] * (1 - a[j]);
        gW2[j] += e * a[j];
        gW1[j] += delta * x[s];
        gb1[j] += delta;
      }
    }
    losses[epoch] = loss / n;
    /* update with the mean gradient */
    for (int j = 0; j < h; j++) {
      W1[j] -= lr * gW1[j] / n;
      b1[j] -= lr * gb1[j] / n;
      W2[j] -= lr * gW2[j] / n;
    }
    *b2 -= lr * gb2 / n;
  }
  losses[epochs] = loss_of(n, h, x, y, W1, b1, W2, *b2);
  free(a); free(gW1); free(gb1); free(gW2);
}

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: c_fit <input file>\n"); return 2; }
  FILE *f = fopen(argv[1], "r");
  if (!f) { fprintf(stderr, "c_fit: cannot open %s\n", argv[1]); return 2; }
  int n, h, epochs, repeats;
  double lr;
  if (fscanf(f, "%d %d %d %lf %d", &n, &h, &epochs, &lr, &repeats) != 5) { fprintf(stderr, "c_fit: bad header\n"); return 2; }
  double *x = read_doubles(f, n), *y = read_doubles(f, n);
  double *W1_0 = read_doubles(f, h), *b1_0 = read_doubles(f, h), *W2_0 = read_doubles(f, h), *b2_0 = read_doubles(f, 1);
  fclose(f);

  double *W1 = malloc(sizeof(double) * h), *b1 = malloc(sizeof(double) * h), *W2 = malloc(sizeof(double) * h), b2 = 0;
  double *losses = malloc(sizeof(double) * (epochs + 1));
  double *wall = malloc(sizeof(double) * repeats), *cpu = malloc(sizeof(double) * repeats);
  for (int r = 0; r < repeats; r++) {
    for (int j = 0; j < h; j++) { W1[j] = W1_0[j]; b1[j] = b1_0[j]; W2[j] = W2_0[j]; }
    b2 = b2_0[0];
    double w0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    fit(n, h, epochs, lr, x, y, W1, b1, W2, &b2, losses);
    cpu[r] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
    wall[r] = clock_ms(CLOCK_MONOTONIC) - w0;
  }
  printf("{\"impl\":\"c\",\"times_ms\":[");
  for (int r = 0; r < repeats; r++) printf("%s%.6f", r ? "," : "", wall[r]);
  printf("],\"cpu_ms\":[");
  for (int r = 0; r < repeats; r++) printf("%s%.6f", r ? "," : "", cpu[r]);
  printf("],\"loss\":%.17g,\"loss_mid\":%.17g,\"params\":[", losses[epochs], losses[epochs / 2]);
  for (int j = 0; j < h; j++) printf("%.17g,", W1[j]);
  for (int j = 0; j < h; j++) printf("%.17g,", b1[j]);
  for (int j = 0; j < h; j++) printf("%.17g,", W2[j]);
  printf("%.17g]}\n", b2);
  return 0;
}
