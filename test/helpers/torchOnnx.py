# Train a small PyTorch MLP on features written by the test (float32, row-major) and export it
# with torch.onnx.export; its softmax outputs on the same rows go to out.onnx.probs.f32. Usage: torchOnnx.py features.f32 labels.i32 num_features out.onnx [softmax]
import sys
import numpy as np
import torch
from torchExport import train_and_export

features, labels, num_features, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
with_softmax = len(sys.argv) > 5 and sys.argv[5] == "softmax"
torch.manual_seed(0)
X = torch.from_numpy(np.fromfile(features, dtype=np.float32).reshape(-1, num_features))
y = torch.from_numpy(np.fromfile(labels, dtype=np.int32).astype(np.int64))
classes = int(y.max()) + 1
layers = [torch.nn.Linear(num_features, 48), torch.nn.ReLU(), torch.nn.Linear(48, 24), torch.nn.ReLU(), torch.nn.Linear(24, classes)]
model = torch.nn.Sequential(*layers)
exported = torch.nn.Sequential(model, torch.nn.Softmax(dim=1)) if with_softmax else None
train_and_export(model, X, y, 60, out, "x", exported)
