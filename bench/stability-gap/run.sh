#!/usr/bin/env bash
# Reproduces docs/STABILITY-GAP.md: ER and fine-tuning on class-incremental Split-Fashion-MNIST with the
# paper's protocol (the train command's defaults), per-iteration evaluation, then the plot and the numbers.
# Installs python3-matplotlib from Debian (as root, idempotent). Usage: bench/stability-gap/run.sh [SEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
seed="${1:-0}"
scripts/install-packages.sh python3-matplotlib dataset-fashion-mnist
dotnet build src/ContinualDash.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
cli=src/ContinualDash.Cli/bin/Release/net10.0/continualdash
out=bench/stability-gap/out
mkdir -p "$out"
for strategy in er finetune; do
  /usr/bin/time -f "$strategy: %e s wall" "$cli" train --benchmark split-fmnist --strategy "$strategy" --seed "$seed" \
    --out "$out/$strategy-seed$seed.json" --progress-every 470
done
/usr/bin/python3 bench/stability-gap/plot.py docs/img/stability-gap-split-fmnist.png \
  "ER (memory 2000, 256+256, seed $seed)=$out/er-seed$seed.json" "Finetune (seed $seed)=$out/finetune-seed$seed.json"
