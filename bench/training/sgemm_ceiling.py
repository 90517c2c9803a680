"""Single-precision 2048^3 matrix multiply through NumPy + OpenBLAS: the practical GFLOP/s ceiling of the
machine, measured in the same run as the trainers. Thread count from OPENBLAS_NUM_THREADS."""
import statistics
import time

import numpy as np

rng = np.random.default_rng(0)
a = rng.random((2048, 2048), dtype=np.float32)
b = rng.random((2048, 2048), dtype=np.float32)
a @ b
times = []
for _ in range(7):
    t = time.perf_counter()
    a @ b
    times.append(time.perf_counter() - t)
print(f"gemm 2048x2048x2048\t{2 * 2048 ** 3 / statistics.median(times) / 1e9:.1f}\tGFLOP/s")
