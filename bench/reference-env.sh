# Sourced by the bench/*/run.sh scripts before they start a PyTorch reference: the reference at its best on this
# machine. Debian's python3-torch does its matrix products in OpenBLAS, whose run-time CPU detection picked the
# generic "Prescott" kernels on the 2026-12-01 dev VM (an AVX-512 Xeon reporting no known model): ViT-S/16 at batch
# 8 ran at 4.0 images/s that way and 10.6-12.8 with OPENBLAS_CORETYPE naming the CPU's class. Name it from the CPU
# flags unless the caller did; torch's own OpenMP pool and OpenBLAS's threads must not spin against each other.
if [ -z "${OPENBLAS_CORETYPE+set}" ]; then
  if grep -qw avx512_bf16 /proc/cpuinfo; then OPENBLAS_CORETYPE=Cooperlake
  elif grep -qw avx512f /proc/cpuinfo; then OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo; then OPENBLAS_CORETYPE=Haswell
  fi
  export OPENBLAS_CORETYPE
fi
export OMP_WAIT_POLICY=PASSIVE
