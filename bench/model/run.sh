#!/bin/sh
# Forward throughput and peak resident memory of random ViT-S/16 and ViT-B/14 at 224x224, batch 1, 8, 32:
# the product (DJL 0.35.1 + PyTorch 2.7.1) and Debian's python3-torch (1.13) in eager mode, same machine, same run,
# each configuration in its own process. Usage: bench/model/run.sh [THREADS] > results.jsonl
set -e
cd "$(dirname "$0")/../.."
threads=${1:-2}
export OMP_WAIT_POLICY=PASSIVE
medad=releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad
[ -x "$medad" ] || ./medad build
for arch in vit-s16 vit-b14; do
  for batch in 1 8 32; do
    case $batch in 1) repeat=15 ;; 8) repeat=5 ;; *) repeat=3 ;; esac
    MEDAD_JAVA_OPTS="-Dmedad.threads=$threads" "$medad" bench model --arch $arch --batch $batch --repeat $repeat --json | tr -d '\n '
    echo
    /usr/bin/python3 bench/model/python_vit.py --arch $arch --batch $batch --threads "$threads" --repeat $repeat
  done
done
