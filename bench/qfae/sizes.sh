# Sourced by bench/qfae/run.sh and train.sh: the official code's options that build the product's preset $preset
# (paper: the defaults of brain.ini; cpu: the narrow networks of `--set preset=cpu`), in $sizes.
case $preset in
  paper) sizes="" ;;
  cpu) sizes="--encoder-model vit_small_patch14_reg4_dinov2.lvd142m --encoder-kwargs {\"depth\":4,\"embed_dim\":96,\"num_heads\":4}
    --final-proj-in 96 --final-proj-out 96 --junction-dim 96 --junction-output-dim 96 --junction-heads 4
    --decoder-dim 96 --decoder-depth 2 --decoder-heads 4 --mae-model vit_small_patch16_224
    --mae-kwargs {\"embed_dim\":64,\"num_heads\":2,\"depth\":20} --perceptual-hstate 11,15,19" ;;
  *) echo "preset: paper or cpu" >&2; exit 2 ;;
esac
