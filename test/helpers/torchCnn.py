# Train a tiny PyTorch CNN on one-channel images written by the test (float32 pixels in [0, 1],
# N x 1 x H x W) and export it with torch.onnx.export, input [n, 1, H, W]; its softmax outputs on
# the same images go to out.onnx.probs.f32. Usage: torchCnn.py pixels.f32 labels.i32 height width out.onnx
import sys
import numpy as np
import torch
from torchExport import train_and_export

pixels, labels, height, width, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
torch.manual_seed(0)
X = torch.from_numpy(np.fromfile(pixels, dtype=np.float32).reshape(-1, 1, height, width))
y = torch.from_numpy(np.fromfile(labels, dtype=np.int32).astype(np.int64))
classes = int(y.max()) + 1
model = torch.nn.Sequential(
    torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Flatten(), torch.nn.Linear(16 * (height // 4) * (width // 4), 32), torch.nn.ReLU(), torch.nn.Linear(32, classes),
)
train_and_export(model, X, y, 25, out, "image")
