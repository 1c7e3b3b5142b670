# Shared by torchOnnx.py and torchCnn.py: full-batch Adam training, the ONNX export with a dynamic
# batch axis, and the model's softmax outputs on the training rows (out.onnx.probs.f32).
import numpy as np
import torch


def train_and_export(model, X, y, epochs, out, input_name, exported=None):
    optimiser = torch.optim.Adam(model.parameters(), lr=0.01)
    for epoch in range(epochs):
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(X), y)
        loss.backward()
        optimiser.step()
    model.eval()
    torch.onnx.export(exported or model, X[:2], out, input_names=[input_name], output_names=["scores"], dynamic_axes={input_name: {0: "n"}, "scores": {0: "n"}})
    with torch.no_grad():
        probs = torch.softmax(model(X), dim=1)
    probs.numpy().astype(np.float32).tofile(out + ".probs.f32")
    accuracy = (probs.argmax(1) == y).float().mean().item()
    print(f"trained on {len(y)} rows, train accuracy {accuracy:.4f}, final loss {loss.item():.4f}")
