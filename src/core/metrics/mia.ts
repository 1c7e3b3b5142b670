/**
 * Membership inference on true-label confidence: a threshold classifier that separates members
 * (retain samples) from non-members (test samples) as well as possible (balanced accuracy);
 * returns the share of the forget set it judges non-member. An unlearned model should score
 * like the retrained one, which never saw the forget set.
 */
export function miaNonMemberShare(retainConfidence: ArrayLike<number>, testConfidence: ArrayLike<number>, forgetConfidence: ArrayLike<number>): number {
  if (testConfidence.length === 0 || forgetConfidence.length === 0) return NaN;
  const threshold = bestThreshold(retainConfidence, testConfidence);
  let nonMembers = 0;
  for (let i = 0; i < forgetConfidence.length; i++) if (forgetConfidence[i] < threshold) nonMembers++;
  return nonMembers / forgetConfidence.length;
}

/** The confidence below which a sample is called a non-member, maximising balanced accuracy. */
export function bestThreshold(members: ArrayLike<number>, nonMembers: ArrayLike<number>): number {
  const points = [
    ...Array.from(members, (v) => ({ v, member: true })),
    ...Array.from(nonMembers, (v) => ({ v, member: false })),
  ].sort((a, b) => a.v - b.v);
  // Sweep thresholds between sorted values: everything below is called non-member.
  let nonMembersBelow = 0;
  let membersBelow = 0;
  let best = { score: 0.5, threshold: -Infinity };
  for (let k = 0; k < points.length; k++) {
    if (points[k].member) membersBelow++;
    else nonMembersBelow++;
    if (k + 1 < points.length && points[k + 1].v === points[k].v) continue;
    const score = 0.5 * (nonMembersBelow / nonMembers.length) + 0.5 * (1 - membersBelow / members.length);
    if (score > best.score) best = { score, threshold: k + 1 < points.length ? (points[k].v + points[k + 1].v) / 2 : Infinity };
  }
  return best.threshold;
}
