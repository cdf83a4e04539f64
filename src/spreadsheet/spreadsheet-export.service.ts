import { Injectable } from '@nestjs/common';
import { RequestContext } from '@/common/context';
import { PRODUCT_NAME } from '@/common/i18n';
import { timeInChina } from '@/common/scalars';
import { IdempotencyService, Remembered } from '@/database';
import { downloadPathOf } from '@/files/evidence-file.type';
import { ExportFileName } from '@/files/file-rules';
import { FilesService } from '@/files/files.service';
import { reportWorkbook, SheetCells } from './report-workbook';

/** What an .xlsx export answers (`ReportFile`, `ExportedFile`): the stored file and its row count. */
export interface StoredWorkbook {
  fileId: string;
  downloadPath: string;
  fileName: string;
  rowCount: number;
  sha256: string;
  size: number;
}

export interface StoreOptions {
  /** Built by `exportFileName` (sanitized parts). */
  fileName: ExportFileName;
  /** The data rows the file holds (what the API answers as rowCount). */
  rowCount: number;
  /** The region the file belongs to (who may download it): by default the caller's own. */
  regionCode?: string;
  /**
   * The argument that chose what went into the file (`filter`, `regionCode`, `inventoryId`): a file over
   * the size limit is refused as FILE_TOO_LARGE on it.
   */
  narrowBy: string;
}

/**
 * The one way an .xlsx export ends: the service that knows the data builds the sheets (a report with
 * {@link storeReport}, a template-shaped workbook with its own writer), and the bytes are stored as an
 * evidence file (content-addressed, FILE_UPLOADED on the ledger) that the caller downloads.
 */
@Injectable()
export class SpreadsheetExportService {
  constructor(
    private readonly files: FilesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * An export mutation once per idempotency key (`args.idempotencyKey`, optional): a repeat of the same
   * request returns the first file and stores nothing again; another request under the key is refused
   * (see IdempotencyService). Without a key every call makes a new file.
   */
  once<T extends StoredWorkbook>(
    ctx: RequestContext,
    operation: string,
    args: { idempotencyKey?: string },
    produce: () => Promise<T>,
  ): Promise<T> {
    return this.idempotency.run(
      ctx,
      {
        operation,
        key: args.idempotencyKey,
        request: args,
        remember: (file: T) => JSON.parse(JSON.stringify(file)) as Remembered,
        replay: (file) => Promise.resolve(file as unknown as T),
      },
      produce,
    );
  }

  async store(ctx: RequestContext, bytes: Buffer, options: StoreOptions): Promise<StoredWorkbook> {
    const regionCode = options.regionCode ?? ctx.currentUser.regionCode;
    const file = await this.files.storeGenerated(ctx, bytes, options.fileName, regionCode, options.narrowBy);
    return {
      fileId: file.id,
      downloadPath: downloadPathOf(file.id),
      fileName: options.fileName,
      rowCount: options.rowCount,
      sha256: file.sha256,
      size: file.size,
    };
  }

  /**
   * A report: `sheets` written by {@link reportWorkbook} under `title`, with a footnote saying what it
   * is (`caption`, by default the title) and when it was made; then stored as {@link store} does.
   */
  async storeReport(
    ctx: RequestContext,
    report: StoreOptions & { title: string; sheets: SheetCells[]; caption?: string },
  ): Promise<StoredWorkbook> {
    const footnote = `${report.caption ?? report.title} · 生成于 ${timeInChina(new Date())}（北京时间） · ${PRODUCT_NAME}`;
    const bytes = await reportWorkbook(report.title, report.sheets, footnote);
    return this.store(ctx, bytes, report);
  }
}
