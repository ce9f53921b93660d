import java.nio.*; import java.nio.channels.*; import java.nio.file.*; import java.util.zip.*; import java.io.*;
/**
 * Evidence for docs/benchmarks.md: how long the JDK's zlib takes just to inflate the benchmark .nii.gz
 * (no conversion), next to allocating the float array and converting the memory-mapped .nii.
 *   java bench/io/InflateFloor.java   (after bench/io/make_volume.py /tmp/medad-bench-io)
 */
public class InflateFloor {
  public static void main(String[] a) throws Exception {
    Path nii = Path.of("/tmp/medad-bench-io/vol.nii"), gz = Path.of("/tmp/medad-bench-io/vol.nii.gz");
    for (int r = 0; r < 6; r++) {
      long t0 = System.nanoTime();
      float[] out = new float[256*256*155];
      long t1 = System.nanoTime();
      try (FileChannel ch = FileChannel.open(nii)) {
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 352, 256L*256*155*2); m.order(ByteOrder.LITTLE_ENDIAN);
        ShortBuffer sb = m.asShortBuffer(); short[] s = new short[1<<20];
        for (int at = 0; at < out.length;) { int n = Math.min(s.length, out.length-at); sb.get(s,0,n); for (int i=0;i<n;i++) out[at+i]=s[i]; at+=n; }
      }
      long t2 = System.nanoTime();
      byte[] buf = new byte[4<<20]; long tot=0;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1<<16)) { int n; while ((n = in.readNBytes(buf,0,buf.length))>0) tot+=n; }
      long t3 = System.nanoTime();
      Inflater inf = new Inflater(true); byte[] all = Files.readAllBytes(gz);
      // skip gzip header (10 bytes, no extra fields assumed)
      inf.setInput(all, 10, all.length-18); long tot2=0; while(!inf.finished()){ int n=inf.inflate(buf); if(n==0&&inf.needsInput())break; tot2+=n;}
      long t4 = System.nanoTime();
      System.out.printf("alloc %.1f ms, mmap+convert %.1f ms, gzip stream inflate %.1f ms (%d), raw inflater %.1f ms (%d)%n",(t1-t0)/1e6,(t2-t1)/1e6,(t3-t2)/1e6,tot,(t4-t3)/1e6,tot2);
    }
  }
}
