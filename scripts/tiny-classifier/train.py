# Trains the tiny test classifier on token ids written by build.ts and exports it to ONNX in the layout of a
# Hugging Face sequence-classification export (inputs input_ids and attention_mask, no token_type_ids, as
# DeBERTa-v2 models such as Prompt Guard 2 have; output logits). Deterministic: fixed seed, one thread.
import json
import sys

import torch
from torch import nn

torch.manual_seed(0)
torch.set_num_threads(1)


class TinyEncoderClassifier(nn.Module):
    def __init__(self, vocab: int, positions: int, dim: int = 48, labels: int = 2):
        super().__init__()
        self.tokens = nn.Embedding(vocab, dim, padding_idx=0)
        self.positions = nn.Embedding(positions, dim)
        self.q = nn.Linear(dim, dim)
        self.k = nn.Linear(dim, dim)
        self.v = nn.Linear(dim, dim)
        self.norm = nn.LayerNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, 2 * dim), nn.GELU(), nn.Linear(2 * dim, dim))
        self.head = nn.Linear(2 * dim, labels)
        self.scale = dim ** -0.5

    def forward(self, input_ids, attention_mask):
        seq = input_ids.shape[1]
        pos = torch.arange(seq, device=input_ids.device).unsqueeze(0)
        x = self.tokens(input_ids) + self.positions(pos)
        mask = attention_mask.to(x.dtype)
        scores = torch.matmul(self.q(x), self.k(x).transpose(1, 2)) * self.scale
        scores = scores + (1.0 - mask).unsqueeze(1) * -10000.0
        x = self.norm(x + torch.matmul(torch.softmax(scores, dim=-1), self.v(x)))
        x = x + self.ff(x)
        # Mean and max over the real tokens: an attack that is a small part of a window still shows in the max.
        mean = (x * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
        peak = (x + (1.0 - mask).unsqueeze(-1) * -10000.0).max(dim=1).values
        return self.head(torch.cat([mean, peak], dim=-1))


def main(ids_path: str, out_path: str) -> None:
    data = json.load(open(ids_path))
    vocab, positions = data["vocabSize"], data["maxLength"]
    rows = data["rows"]
    model = TinyEncoderClassifier(vocab, positions)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(len(rows)).tolist()
    for epoch in range(8):
        total = 0.0
        for start in range(0, len(order), 32):
            batch = [rows[i] for i in order[start : start + 32]]
            width = max(len(r["ids"]) for r in batch)
            ids = torch.tensor([r["ids"] + [0] * (width - len(r["ids"])) for r in batch])
            mask = torch.tensor([[1] * len(r["ids"]) + [0] * (width - len(r["ids"])) for r in batch])
            labels = torch.tensor([r["label"] for r in batch])
            opt.zero_grad()
            loss = loss_fn(model(ids, mask), labels)
            loss.backward()
            opt.step()
            total += float(loss) * len(batch)
        print(f"epoch {epoch + 1}: loss {total / len(rows):.4f}", file=sys.stderr)
    model.eval()
    example = torch.tensor([rows[0]["ids"]])
    torch.onnx.export(
        model,
        (example, torch.ones_like(example)),
        out_path,
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"}, "logits": {0: "batch"}},
        opset_version=14,
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
