package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.qr.QrRequest;
import io.github.darajakit.client.qr.QrResponse;
import io.github.darajakit.client.qr.QrTransactionCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daraja qr}: a Dynamic QR code, saved as a PNG and shown in the terminal. */
@Command(
    name = "qr",
    mixinStandardHelpOptions = true,
    header = "An M-Pesa Dynamic QR code, in the terminal and as a PNG.",
    description = {
      "Generates an M-Pesa Dynamic QR code, saves Daraja's PNG and shows the code",
      "in the terminal, ready to scan with the M-Pesa app. Generating moves no money.",
      "",
      "Trx codes (--trx-code) and what --cpi is for each:",
      "  BG  buy goods: the till",
      "  WA  withdraw cash at an agent: the agent till (--ref: the account)",
      "  PB  pay bill: the PayBill (--ref: the account)",
      "  SM  send money: a phone number",
      "  SB  send to a business: the business number",
      "",
      "Example:",
      "  daraja qr --merchant-name 'TEST SUPERMARKET' --ref INV-1 --amount 10 \\",
      "    --trx-code BG --cpi 373132"
    })
final class QrCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin DarajaOptions daraja;
  @Mixin Output output;

  @Option(
      names = "--merchant-name",
      required = true,
      paramLabel = "NAME",
      description = "Shown to the customer, 1 to 100 characters.")
  String merchantName;

  @Option(
      names = "--ref",
      required = true,
      paramLabel = "REF",
      description = "The reference (for PB and WA: the account number), 1 to 100 characters.")
  String ref;

  @Option(
      names = "--amount",
      required = true,
      paramLabel = "KES",
      description = "Whole KES, 1 to 250,000.")
  long amount;

  @Option(
      names = "--trx-code",
      required = true,
      paramLabel = "CODE",
      description = "BG, WA, PB, SM or SB (see above).")
  String trxCode;

  @Option(
      names = "--cpi",
      required = true,
      paramLabel = "CPI",
      description = "Who is paid: a till, PayBill or business number, or for SM a phone number.")
  String cpi;

  @Option(
      names = "--size",
      paramLabel = "PX",
      defaultValue = "300",
      description =
          "The PNG's width and height in pixels, 100 to 1000 (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--png",
      paramLabel = "FILE",
      description = "Where to save the PNG (default: qr-<ref>.png in the current directory).")
  Path png;

  @Override
  public Integer call() {
    QrRequest request = request(); // validated before anything is sent
    Path file = png != null ? png : defaultPngFile(ref);
    Path directory = file.toAbsolutePath().getParent();
    if (directory != null && !Files.isDirectory(directory)) {
      throw new UsageException("--png: directory " + directory + " does not exist");
    }
    QrResponse answer;
    try (DarajaClient client = daraja.client()) {
      answer = client.qr().generate(request);
    }
    byte[] image = answer.png();
    try {
      Files.write(file, image);
    } catch (IOException e) {
      throw new CommandException("cannot write the PNG to " + file + ": " + e.getMessage());
    }
    String text = decode(image, file);
    ObjectNode data = Output.object();
    data.put("qr_text", text)
        .put("png", file.toAbsolutePath().toString())
        .put("merchant_name", request.merchantName())
        .put("ref", request.refNo())
        .put("amount", request.amount())
        .put("trx_code", request.trxCode().wireCode())
        .put("cpi", request.cpi())
        .put("size", request.size())
        .put("request_id", answer.requestId())
        .put("response_code", answer.responseCode())
        .put("description", answer.description());
    output.print(
        spec.commandLine().getOut(),
        data,
        TerminalQr.picture(text)
            + "\nKES "
            + request.amount()
            + " to "
            + request.cpi()
            + " ("
            + request.trxCode().wireCode()
            + "), ref "
            + request.refNo()
            + ".\nSaved "
            + file
            + " ("
            + request.size()
            + " px).\nThe code reads: "
            + text);
    return 0;
  }

  /** The request, each problem reported against the option that caused it. */
  private QrRequest request() {
    QrTransactionCode code = transactionCode(trxCode);
    try {
      return QrRequest.builder()
          .merchantName(merchantName)
          .refNo(ref)
          .amount(amount)
          .trxCode(code)
          .cpi(cpi)
          .size(size)
          .build();
    } catch (DarajaValidationException e) {
      String option =
          switch (e.field()) {
            case "merchantName" -> "--merchant-name";
            case "refNo" -> "--ref";
            case "amount" -> "--amount";
            case "trxCode" -> "--trx-code";
            case "cpi" -> "--cpi";
            case "size" -> "--size";
            default -> e.field();
          };
      String prefix = e.field() + ": ";
      String reason =
          e.getMessage().startsWith(prefix)
              ? e.getMessage().substring(prefix.length())
              : e.getMessage();
      throw new UsageException(option + ": " + reason);
    }
  }

  /** {@code BG}, {@code WA}, {@code PB}, {@code SM} or {@code SB}, in any case. */
  static QrTransactionCode transactionCode(String wireCode) {
    String code = wireCode.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(QrTransactionCode.values())
        .filter(c -> c.wireCode().equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new UsageException(
                    "--trx-code must be one of "
                        + Arrays.stream(QrTransactionCode.values())
                            .map(c -> c.wireCode() + " (" + c.name().toLowerCase(Locale.ROOT) + ")")
                            .collect(Collectors.joining(", "))
                        + "; got '"
                        + wireCode
                        + "'"));
  }

  /**
   * {@code qr-<ref>.png} in the current directory, the reference reduced to characters that are
   * safe in a file name on every system (a reference such as {@code INV/1} must not name a
   * directory).
   */
  static Path defaultPngFile(String ref) {
    return Path.of("qr-" + ref.trim().replaceAll("[^A-Za-z0-9._-]+", "-") + ".png");
  }

  /**
   * The text inside a PNG QR code.
   *
   * @throws CommandException if the image holds no readable QR code
   */
  static String decode(byte[] png, Path savedAs) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      image = null;
    }
    if (image == null) {
      throw new CommandException(
          "saved Daraja's image to " + savedAs + ", but it is not a readable PNG image");
    }
    try {
      return new QRCodeReader()
          .decode(
              new BinaryBitmap(new HybridBinarizer(new ImageLuminanceSource(image))),
              Map.of(
                  DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.CHARACTER_SET, "UTF-8"))
          .getText();
    } catch (ReaderException e) {
      throw new CommandException(
          "saved Daraja's image to "
              + savedAs
              + ", but found no readable QR code in it to show here ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /**
   * Grey levels of an image for zxing's decoder (zxing's own such class lives in its {@code javase}
   * module, which brings more than this needs). Transparent pixels count as white, as they show on
   * a page.
   */
  static final class ImageLuminanceSource extends LuminanceSource {
    private final byte[] luminance;

    ImageLuminanceSource(BufferedImage image) {
      super(image.getWidth(), image.getHeight());
      int width = image.getWidth();
      int height = image.getHeight();
      int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
      luminance = new byte[width * height];
      for (int i = 0; i < argb.length; i++) {
        int pixel = argb[i];
        int alpha = pixel >>> 24;
        int red = (pixel >> 16) & 0xFF;
        int green = (pixel >> 8) & 0xFF;
        int blue = pixel & 0xFF;
        int grey = (red * 299 + green * 587 + blue * 114) / 1000;
        // Blend over white by the pixel's opacity.
        luminance[i] = (byte) ((grey * alpha + 255 * (255 - alpha)) / 255);
      }
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
      if (y < 0 || y >= getHeight()) {
        throw new IllegalArgumentException("row " + y + " is outside the image");
      }
      byte[] result = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
      System.arraycopy(luminance, y * getWidth(), result, 0, getWidth());
      return result;
    }

    @Override
    public byte[] getMatrix() {
      return luminance;
    }
  }
}
