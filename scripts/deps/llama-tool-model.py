#!/usr/bin/env python3
"""Writes a tiny random-weight llama model with a real tokenizer vocabulary, for tool calls and JSON-schema output.

llama.cpp's server turns `tools` (with `--jinja`) and `response_format: json_schema` into a grammar the sampler
enforces, so it needs a vocabulary that can spell JSON: the random-byte vocabulary of test-llama-archs' model makes
the server answer 400 "Failed to initialize samplers". This model takes its vocabulary from the vocab-only GGUF that
llama.cpp keeps for its own tokenizer tests (models/ggml-vocab-qwen2.gguf) and its chat template from llama.cpp's copy
of Qwen2.5-Instruct's (models/templates/Qwen-Qwen2.5-7B-Instruct.jinja), so the server renders tools in the Hermes
format (<tool_call>{"name": ..., "arguments": ...}</tool_call>) it parses. Two of the vocabulary's padding entries
become <tool_call> and </tool_call>, and the end of turn becomes <|im_end|>, as in Qwen2.5-Instruct's own vocabulary.

The transformer weights are random (seeded), small enough that each position's logits come from its own token's
embedding: a bigram model. Four embedding channels are set by hand so that greedy decoding is short and ends:
  channel 0, on every token: a baseline preference (a closing quote, then end of turn, then closing brackets), so
    a string the grammar opens closes at once and an object closes as soon as the schema lets it;
  channel 1, on the end of the generation prompt (the newline after "assistant"): the word "Done";
  channel 2, on "Done": the end of turn, else (where a tool call is required) <tool_call>;
  channel 3, on <tool_call>: a newline, which the server's grammar expects there.
Free text is therefore "Done"; a required tool call is "Done" and the shortest call the grammar accepts; a
JSON-schema answer is the shortest JSON the schema accepts.

Usage: llama-tool-model.py <llama.cpp source tree> <output .gguf>
"""
import sys

import numpy as np

src, out = sys.argv[1], sys.argv[2]
sys.path.insert(0, src + "/gguf-py")
import gguf  # noqa: E402  (from llama.cpp's own source tree)

N_EMBD, N_HEAD, N_HEAD_KV, N_FF, N_LAYER, N_CTX = 64, 4, 2, 128, 2, 32768
BASE, PROMPT_END, AFTER_DONE, AFTER_CALL = 0, 1, 2, 3

vocab = gguf.GGUFReader(src + "/models/ggml-vocab-qwen2.gguf")


def field(name):
    return vocab.fields[name]


def strings(name):
    f = field(name)
    return [bytes(f.parts[i]) for i in f.data]


def ints(name):
    f = field(name)
    return [int(f.parts[i][0]) for i in f.data]


def text(name):
    f = field(name)
    return bytes(f.parts[f.data[0]]).decode("utf-8")


tokens = strings("tokenizer.ggml.tokens")
types = ints("tokenizer.ggml.token_type")
merges = strings("tokenizer.ggml.merges")
index = {t: i for i, t in enumerate(tokens)}

# Qwen2.5-Instruct's added tokens for tool calls, in the slots its vocabulary gives them.
for slot, name in ((151657, b"<tool_call>"), (151658, b"</tool_call>")):
    assert tokens[slot].startswith(b"[PAD"), tokens[slot]
    tokens[slot] = name
    types[slot] = int(gguf.TokenType.USER_DEFINED)
    index[name] = slot

n_vocab = len(tokens)
rng = np.random.default_rng(20240515)


def rand(*shape, scale=0.02):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def tok(piece):
    return index[piece.encode("utf-8")]


IM_END, END_TEXT = tok("<|im_end|>"), tok("<|endoftext|>")
NEWLINE, DONE = tok("\u010a"), tok("Done")  # GPT-2 byte-level BPE spells "\n" as "Ċ"

embd = rand(n_vocab, N_EMBD)
embd[:, BASE] = 8.0
embd[NEWLINE, PROMPT_END] = 8.0
embd[DONE, AFTER_DONE] = 8.0
embd[tok("<tool_call>"), AFTER_CALL] = 8.0

output = rand(n_vocab, N_EMBD)
output[:, BASE] = 0.0
for piece, preference in (('"', 5.0), ("}", 4.0), ("]", 3.9), ("1", 3.0), ("{", 1.0), ("[", 1.0), (":", 1.0), (",", 3.5), ("</tool_call>", 3.8)):
    output[tok(piece), BASE] = preference
output[IM_END, BASE] = 4.5
output[END_TEXT, BASE] = 4.4
output[DONE, PROMPT_END] = 12.0
output[IM_END, AFTER_DONE] = 12.0
output[tok("<tool_call>"), AFTER_DONE] = 11.0  # where the end of turn is not allowed (a required tool call)
output[NEWLINE, AFTER_CALL] = 12.0  # the server's grammar opens a call with "<tool_call>\n"

w = gguf.GGUFWriter(out, "llama")
w.add_name("inference-sdk-tool-test")
w.add_context_length(N_CTX)
w.add_embedding_length(N_EMBD)
w.add_block_count(N_LAYER)
w.add_feed_forward_length(N_FF)
w.add_head_count(N_HEAD)
w.add_head_count_kv(N_HEAD_KV)
w.add_rope_dimension_count(N_EMBD // N_HEAD)
w.add_rope_freq_base(1000000.0)
w.add_layer_norm_rms_eps(1e-6)
w.add_vocab_size(n_vocab)
w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
w.add_tokenizer_model(text("tokenizer.ggml.model"))
w.add_tokenizer_pre(text("tokenizer.ggml.pre"))
w.add_token_list(tokens)
w.add_token_types(types)
w.add_token_merges(merges)
w.add_bos_token_id(END_TEXT)
w.add_eos_token_id(IM_END)
w.add_pad_token_id(END_TEXT)
w.add_add_bos_token(False)
with open(src + "/models/templates/Qwen-Qwen2.5-7B-Instruct.jinja", encoding="utf-8") as f:
    w.add_chat_template(f.read())

w.add_tensor("token_embd.weight", embd.astype(np.float16))
w.add_tensor("output_norm.weight", np.ones(N_EMBD, dtype=np.float32))
w.add_tensor("output.weight", output.astype(np.float16))
head = N_EMBD // N_HEAD
for i in range(N_LAYER):
    p = f"blk.{i}."
    w.add_tensor(p + "attn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
    w.add_tensor(p + "attn_q.weight", rand(N_HEAD * head, N_EMBD).astype(np.float16))
    w.add_tensor(p + "attn_k.weight", rand(N_HEAD_KV * head, N_EMBD).astype(np.float16))
    w.add_tensor(p + "attn_v.weight", rand(N_HEAD_KV * head, N_EMBD).astype(np.float16))
    w.add_tensor(p + "attn_output.weight", rand(N_EMBD, N_HEAD * head).astype(np.float16))
    w.add_tensor(p + "ffn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
    w.add_tensor(p + "ffn_gate.weight", rand(N_FF, N_EMBD).astype(np.float16))
    w.add_tensor(p + "ffn_up.weight", rand(N_FF, N_EMBD).astype(np.float16))
    w.add_tensor(p + "ffn_down.weight", rand(N_EMBD, N_FF).astype(np.float16))

w.write_header_to_file()
w.write_kv_data_to_file()
w.write_tensors_to_file()
w.close()
print(f"wrote {out}: llama, {n_vocab} tokens (qwen2 vocabulary), {N_LAYER} layers x {N_EMBD}")
