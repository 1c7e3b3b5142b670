/** How to read the tables: fixed text appended to docs/BENCHMARKS.md by every run. */
export const READING_NOTES = `## Reading these numbers

- **Ties in the reference.** On clean digits most training rows are classified correctly by every
  reference model whether they saw the row or not, so their hard estimate is exactly 0 (the "zeros"
  column). Spearman uses average ranks for ties (the usual tie-corrected coefficient; no tie is
  broken), so against such a reference it mostly measures how well a score separates the few rows
  that are ever wrong when held out, and orders them. The reference is itself noisy: its two halves
  agree only as far as the "reference halves" column says, which bounds what any score can reach.
- **How the fast estimate was chosen.** The fast memorization factor is the two-model cross-fit
  estimate smoothed by isotonic regression on an index. The index (1 − held-out p(y|x)) × (1 −
  one-run confidence) replaced the one-run confidence alone after comparing seven candidate indices
  (confidence, held-out p(y|x), held-out margin, label disagreement, and sums and products of these)
  against this 64-model reference on digits and 10k Fashion-MNIST: the same data as the headline,
  so the headline's fast-memorization row is optimistic by that choice. The cross-fit's random half
  split also matters on digits: with held-out p(y|x) alone as the index, two different half splits
  gave 0.58 and 0.50 against the same reference.
- **Training speed.** The training step is a hand-written forward and backward pass (fused
  dense + bias + ReLU kernels, explicit transposes, the same gradients as autodiff, checked by a unit
  test) with minibatches copied on the host instead of a gather kernel; with the same tf.train.adam
  it measured about 2.1× (digits) and 1.8× (Fashion-MNIST) the samples per CPU-second of the
  autodiff step it replaced.
- **Load.** Wall times depend on what else runs on the machine; the CPU-time columns much less.`;
