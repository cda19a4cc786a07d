package org.newswatch.index.testing;

import java.io.IOException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * A Lucene directory whose files are written against a {@link DiskBudget}: the bytes of every
 * output count, and the write that would go past the budget throws. Reads, renames, syncs and
 * deletes pass through untouched, as on a full disk.
 */
final class BudgetedDirectory extends FilterDirectory {
  private final DiskBudget budget;

  BudgetedDirectory(Directory in, DiskBudget budget) {
    super(in);
    this.budget = budget;
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    return new BudgetedOutput(super.createOutput(name, context), budget);
  }

  @Override
  public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
      throws IOException {
    return new BudgetedOutput(super.createTempOutput(prefix, suffix, context), budget);
  }

  /** Counts each write before passing it on; the fixed-width writes too, so they stay fast. */
  private static final class BudgetedOutput extends IndexOutput {
    private final IndexOutput out;
    private final DiskBudget budget;

    BudgetedOutput(IndexOutput out, DiskBudget budget) {
      super("budgeted(" + out + ")", out.getName());
      this.out = out;
      this.budget = budget;
    }

    @Override
    public void writeByte(byte b) throws IOException {
      budget.take(1);
      out.writeByte(b);
    }

    @Override
    public void writeBytes(byte[] b, int offset, int length) throws IOException {
      budget.take(length);
      out.writeBytes(b, offset, length);
    }

    @Override
    public void writeShort(short s) throws IOException {
      budget.take(Short.BYTES);
      out.writeShort(s);
    }

    @Override
    public void writeInt(int i) throws IOException {
      budget.take(Integer.BYTES);
      out.writeInt(i);
    }

    @Override
    public void writeLong(long l) throws IOException {
      budget.take(Long.BYTES);
      out.writeLong(l);
    }

    @Override
    public long getFilePointer() {
      return out.getFilePointer();
    }

    @Override
    public long getChecksum() throws IOException {
      return out.getChecksum();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
