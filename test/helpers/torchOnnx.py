# Train a small PyTorch MLP on features written by the test (float32, row-major) and export it
# with torch.onnx.export; its softmax outputs on the same rows go to out.onnx.probs.f32. Usage: torchOnnx.py features.f32 labels.i32 num_features out.onnx [softmax]
import sys
import numpy as np
import torch

features, labels, num_features, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
with_softmax = len(sys.argv) > 5 and sys.argv[5] == "softmax"
torch.manual_seed(0)
X = torch.from_numpy(np.fromfile(features, dtype=np.float32).reshape(-1, num_features))
y = torch.from_numpy(np.fromfile(labels, dtype=np.int32).astype(np.int64))
classes = int(y.max()) + 1
layers = [torch.nn.Linear(num_features, 48), torch.nn.ReLU(), torch.nn.Linear(48, 24), torch.nn.ReLU(), torch.nn.Linear(24, classes)]
model = torch.nn.Sequential(*layers)
optimiser = torch.optim.Adam(model.parameters(), lr=0.01)
for epoch in range(60):
    optimiser.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(X), y)
    loss.backward()
    optimiser.step()
model.eval()
exported = torch.nn.Sequential(model, torch.nn.Softmax(dim=1)) if with_softmax else model
torch.onnx.export(exported, X[:2], out, input_names=["x"], output_names=["scores"], dynamic_axes={"x": {0: "n"}, "scores": {0: "n"}})
with torch.no_grad():
    probs = torch.softmax(model(X), dim=1)
probs.numpy().astype(np.float32).tofile(out + ".probs.f32")
accuracy = (probs.argmax(1) == y).float().mean().item()
print(f"trained on {len(y)} rows, train accuracy {accuracy:.4f}, final loss {loss.item():.4f}")
