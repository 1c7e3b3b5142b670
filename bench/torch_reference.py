"""PyTorch reference for `npm run bench`: the default ForgetLens MLP, trained the same way.

Run by Debian's system python (/usr/bin/python3) with Debian's python3-torch. Reads a job
description (JSON) written by bench/torchReference.ts and prints one JSON line.

Tasks:
  throughput  train one model on the training rows; samples per second.
  subsample   Feldman & Zhang's subsample memorization estimator: K models on stratified random
              subsets of the training rows, spread over `workers` processes of one thread each;
              writes the per-sample estimates (float32, NaN off the training rows) next to the data.

The model mirrors src/core/model/mlp.ts and train.ts: dense layers with ReLU, He-normal weights
(std sqrt(2/fan_in)), zero biases, softmax cross-entropy (mean over the batch), Adam with
tf.train.adam's defaults (beta1 0.9, beta2 0.999, epsilon 1e-7), a fresh shuffle every epoch and
a last, partial batch.
"""
import json
import multiprocessing
import sys
import time

import numpy as np
import torch

JOB = None
DATA = None


def load(job):
    n, d = job["n"], job["d"]
    X = np.fromfile(job["x"], dtype=np.float32).reshape(n, d)
    y = np.fromfile(job["y"], dtype=np.int32).astype(np.int64)
    train = np.fromfile(job["train"], dtype=np.int32).astype(np.int64)
    return torch.from_numpy(X), torch.from_numpy(y), train


def make_model(widths, seed):
    torch.manual_seed(seed)
    layers = []
    for i in range(len(widths) - 1):
        linear = torch.nn.Linear(widths[i], widths[i + 1])
        with torch.no_grad():
            linear.weight.normal_(0.0, (2.0 / widths[i]) ** 0.5)
            linear.bias.zero_()
        layers.append(linear)
        if i < len(widths) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def train(model, X, y, rows, job, seed):
    optimiser = torch.optim.Adam(model.parameters(), lr=job["lr"], betas=(0.9, 0.999), eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    rng = np.random.default_rng(seed)
    batch = job["batch"]
    for _ in range(job["epochs"]):
        order = torch.from_numpy(rng.permutation(rows))
        for start in range(0, len(order), batch):
            idx = order[start : start + batch]
            optimiser.zero_grad(set_to_none=True)
            loss = loss_fn(model(X[idx]), y[idx])
            loss.backward()
            optimiser.step()


def widths(job):
    return [job["d"], *job["hidden"], job["classes"]]


def throughput(job):
    torch.set_num_threads(job.get("threads", 1))
    X, y, rows = load(job)
    model = make_model(widths(job), job["seed"])
    started = time.perf_counter()
    cpu_started = time.process_time()
    train(model, X, y, rows, job, job["seed"])
    seconds = time.perf_counter() - started
    samples = job["epochs"] * len(rows)
    return {
        "samplesPerSecond": samples / seconds,
        "samplesPerCpuSecond": samples / (time.process_time() - cpu_started),
        "seconds": seconds,
        "threads": torch.get_num_threads(),
    }


def stratified_subset(y, rows, fraction, rng):
    picked = []
    for cls in np.unique(y[rows]):
        members = rows[y[rows] == cls]
        take = int(round(len(members) * fraction))
        picked.append(rng.choice(members, size=take, replace=False))
    return np.sort(np.concatenate(picked))


def one_subset_model(k):
    torch.set_num_threads(1)
    X, y, rows = DATA
    job = JOB
    seed = job["seed"] * 1000 + k + 1
    subset = stratified_subset(y.numpy(), rows, job["fraction"], np.random.default_rng(seed))
    model = make_model(widths(job), seed)
    started = time.perf_counter()
    cpu_started = time.process_time()
    train(model, X, y, subset, job, seed)
    train_seconds = time.perf_counter() - started
    with torch.no_grad():
        probs = torch.softmax(model(X), dim=1)
    p_true = probs[torch.arange(len(y)), y].numpy().astype(np.float32)
    correct = (probs.argmax(dim=1) == y).numpy().astype(np.float32)
    return subset, p_true, correct, train_seconds, time.process_time() - cpu_started


def subsample(job):
    global JOB, DATA
    JOB = job
    DATA = load(job)
    X, y, rows = DATA
    n = len(y)
    started = time.perf_counter()
    # fork: the workers share the loaded tensors; one thread each, one process per core.
    with multiprocessing.get_context("fork").Pool(job["workers"]) as pool:
        outcomes = pool.map(one_subset_model, range(job["k"]), chunksize=1)
    wall = time.perf_counter() - started
    # CPU time spent in the workers' tasks (training and predicting), summed over models.
    cpu = sum(o[4] for o in outcomes)
    on_train = np.zeros(n, dtype=bool)
    on_train[rows] = True
    estimates = estimate(outcomes, n)
    # Two independent halves of the models: how reproducible the estimate itself is.
    half = len(outcomes) // 2
    estimates["hardA"] = estimate(outcomes[:half], n)["hard"]
    estimates["hardB"] = estimate(outcomes[half:], n)["hard"]
    for name, values in estimates.items():
        np.where(on_train, values, np.nan).astype(np.float32).tofile(job["out"] + "." + name + ".f32")
    per_model = [o[3] for o in outcomes]
    return {
        "k": job["k"],
        "workers": job["workers"],
        "seconds": wall,
        "cpuSeconds": cpu,
        "secondsPerModel": float(np.mean(per_model)),
    }


def estimate(outcomes, n):
    """P[correct | in] - P[correct | out] (hard), the same with p(y|x) (soft), and the hard one's standard error."""
    sums = {key: np.zeros(n) for key in ("in", "out", "pin", "pout", "cin", "cout")}
    for subset, p_true, correct, _, _ in outcomes:
        member = np.zeros(n, dtype=bool)
        member[subset] = True
        sums["in"] += member
        sums["out"] += ~member
        sums["pin"] += np.where(member, p_true, 0)
        sums["pout"] += np.where(member, 0, p_true)
        sums["cin"] += np.where(member, correct, 0)
        sums["cout"] += np.where(member, 0, correct)
    with np.errstate(invalid="ignore", divide="ignore"):
        acc_in = sums["cin"] / sums["in"]
        acc_out = sums["cout"] / sums["out"]
        return {
            "hard": acc_in - acc_out,
            "soft": sums["pin"] / sums["in"] - sums["pout"] / sums["out"],
            # Binomial standard error of the difference of the two accuracies.
            "stderr": np.sqrt(acc_in * (1 - acc_in) / sums["in"] + acc_out * (1 - acc_out) / sums["out"]),
        }


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    result = {"throughput": throughput, "subsample": subsample}[job["task"]](job)
    result["torch"] = torch.__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main()
