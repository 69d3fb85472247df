// Oracle's internal formats decoded: NUMBER, DATE/TIMESTAMP, BINARY_FLOAT/DOUBLE, AL16UTF16
// text, and each column type's value.

#include "tns/oracle_value.hpp"

#include <gtest/gtest.h>

#include "tns/connect_descriptor.hpp"
#include "tns/ttc_reader.hpp"

namespace ei::tns {
namespace {

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out.push_back(static_cast<char>(value));
  return out;
}

TEST(OracleNumber, DecodesOraclesBase100Form) {
  EXPECT_EQ(decode_number(bytes({0x80})), (OracleNumber{"0", true}));
  EXPECT_EQ(decode_number(bytes({0xC1, 0x02})), (OracleNumber{"1", true}));
  EXPECT_EQ(decode_number(bytes({0xC2, 0x02})), (OracleNumber{"100", true}));
  EXPECT_EQ(decode_number(bytes({0xC2, 0x0D, 0x23, 0x39, 0x47})),
            (OracleNumber{"1234.567", false}));
  EXPECT_EQ(decode_number(bytes({0xC0, 0x33})), (OracleNumber{"0.5", false}));
  EXPECT_EQ(decode_number(bytes({0xBF, 0x0B})), (OracleNumber{"0.001", false}));
  EXPECT_EQ(decode_number(bytes({0xC5, 0x5B})), (OracleNumber{"9000000000", true}));
  EXPECT_EQ(decode_number(bytes({0x3E, 0x64, 0x66})), (OracleNumber{"-1", true}));
  EXPECT_EQ(decode_number(bytes({0x40, 0x5B, 0x66})), (OracleNumber{"-0.001", false}));
  EXPECT_EQ(decode_number(bytes({0x3D, 0x64, 0x4E, 0x66})), (OracleNumber{"-123", true}));
  EXPECT_EQ(decode_number(bytes({0x00})).text, "-1" + std::string(126, '0'));
}

TEST(OracleNumber, MalformedBytesAreFormatErrors) {
  EXPECT_THROW(decode_number(""), TtcFormatError);
  EXPECT_THROW(decode_number(std::string(22, '\xC1')), TtcFormatError);
  EXPECT_THROW(decode_number(bytes({0xC1, 0x00})), TtcFormatError);  // a digit below 1
}

TEST(OracleDateTime, DatesTimestampsAndOffsets) {
  EXPECT_EQ(decode_datetime(bytes({120, 124, 2, 29, 1, 1, 1})),
            (OracleDateTime{2024, 2, 29, 0, 0, 0, 0, std::nullopt}));
  EXPECT_EQ(decode_datetime(bytes({120, 124, 2, 29, 14, 15, 16, 0x07, 0x5B, 0xCA, 0x00})),
            (OracleDateTime{2024, 2, 29, 13, 14, 15, 123456000, std::nullopt}));
  EXPECT_EQ(decode_datetime(bytes({100, 101, 1, 1, 1, 1, 1, 0, 0, 0, 0, 22, 90})),
            (OracleDateTime{1, 1, 1, 0, 0, 0, 0, 2 * 60 + 30}));
  EXPECT_EQ(decode_datetime(bytes({120, 124, 2, 29, 1, 1, 1, 0, 0, 0, 0, 0, 0})).utc_offset_minutes,
            std::nullopt);
  EXPECT_THROW(decode_datetime(bytes({120, 124, 2})), TtcFormatError);
  EXPECT_THROW(decode_datetime(bytes({120, 124, 13, 1, 1, 1, 1})), TtcFormatError);
  // A zone by region id (the high bit) is not an offset this client can apply.
  EXPECT_THROW(decode_datetime(bytes({120, 124, 2, 29, 1, 1, 1, 0, 0, 0, 0, 0x85, 0x40})),
               TtcFormatError);
}

TEST(OracleBinaryFloat, SortableBytesDecodeToIeeeValues) {
  EXPECT_EQ(decode_binary_double(bytes({0xBF, 0xE0, 0, 0, 0, 0, 0, 0})), 0.5);
  EXPECT_EQ(decode_binary_double(bytes({0x40, 0x3F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})), -0.125);
  EXPECT_EQ(decode_binary_double(bytes({0x80, 0, 0, 0, 0, 0, 0, 0})), 0.0);
  EXPECT_EQ(decode_binary_float(bytes({0xBF, 0x00, 0x00, 0x00})), 0.5f);
  EXPECT_EQ(decode_binary_float(bytes({0x40, 0x7F, 0xFF, 0xFF})), -1.0f);
  EXPECT_THROW(decode_binary_double(bytes({1, 2, 3})), TtcFormatError);
  EXPECT_THROW(decode_binary_float(bytes({1, 2, 3})), TtcFormatError);
}

TEST(OracleText, NationalTextIsUtf16) {
  EXPECT_EQ(utf16be_to_utf8(bytes({0x00, 0x41, 0x00, 0xFC, 0x20, 0xAC})), "Aü€");
  EXPECT_EQ(utf16be_to_utf8(bytes({0xD8, 0x34, 0xDD, 0x1E})), "𝄞");
  EXPECT_EQ(utf16be_to_utf8(bytes({0xD8, 0x34, 0x00, 0x41})),
            "\xEF\xBF\xBD"
            "A");
  EXPECT_THROW(utf16be_to_utf8(bytes({0x00})), TtcFormatError);
}

TEST(OracleValue, EachColumnTypeHasItsValue) {
  Column column;
  column.name = "C";
  const auto as = [&column](OracleType type, std::uint8_t form, std::string raw) {
    column.ora_type = static_cast<std::uint8_t>(type);
    column.charset_form = form;
    return decode_value(column, std::move(raw));
  };
  EXPECT_EQ(as(OracleType::varchar, 1, "text"), Value(std::string("text")));
  EXPECT_EQ(as(OracleType::varchar, 2, bytes({0x00, 0x41})), Value(std::string("A")));
  EXPECT_EQ(as(OracleType::char_text, 1, "ab "), Value(std::string("ab ")));
  EXPECT_EQ(as(OracleType::long_text, 1, "long"), Value(std::string("long")));
  EXPECT_EQ(as(OracleType::clob, 1, "clob"), Value(std::string("clob")));
  EXPECT_EQ(as(OracleType::number, 0, bytes({0xC1, 0x02})), Value(OracleNumber{"1", true}));
  EXPECT_EQ(as(OracleType::binary_double, 0, bytes({0xBF, 0xE0, 0, 0, 0, 0, 0, 0})), Value(0.5));
  EXPECT_EQ(as(OracleType::binary_float, 0, bytes({0xBF, 0x00, 0x00, 0x00})), Value(0.5));
  EXPECT_EQ(as(OracleType::date, 0, bytes({120, 124, 2, 29, 1, 1, 1})),
            Value(OracleDateTime{2024, 2, 29, 0, 0, 0, 0, std::nullopt}));
  EXPECT_EQ(as(OracleType::raw, 0, "\x01"), Value(OracleBinary{"\x01"}));
  EXPECT_EQ(as(OracleType::long_raw, 0, "\x02"), Value(OracleBinary{"\x02"}));
  EXPECT_EQ(as(OracleType::blob, 0, "\x03"), Value(OracleBinary{"\x03"}));
  try {
    as(OracleType::interval_ds, 0, "x");
    ADD_FAILURE() << "an interval was read";
  } catch (const TtcFormatError& error) {
    EXPECT_STREQ(error.what(),
                 "column C has the type INTERVAL DAY TO SECOND, which this client does not read");
  }
}

TEST(OracleValue, TheTypesThisClientReads) {
  for (const auto type :
       {OracleType::varchar, OracleType::char_text, OracleType::long_text, OracleType::clob,
        OracleType::number, OracleType::binary_double, OracleType::binary_float, OracleType::date,
        OracleType::timestamp, OracleType::timestamp_tz, OracleType::timestamp_ltz, OracleType::raw,
        OracleType::long_raw, OracleType::blob}) {
    EXPECT_TRUE(readable_type(static_cast<std::uint8_t>(type)))
        << type_name(static_cast<std::uint8_t>(type));
  }
  for (const auto type : {OracleType::rowid, OracleType::urowid, OracleType::bfile,
                          OracleType::interval_ds, OracleType::interval_ym}) {
    EXPECT_FALSE(readable_type(static_cast<std::uint8_t>(type)))
        << type_name(static_cast<std::uint8_t>(type));
  }
}

TEST(OracleValue, TypeNamesForMessages) {
  for (const auto& [type, name] : std::vector<std::pair<OracleType, std::string>>{
           {OracleType::varchar, "VARCHAR2"},
           {OracleType::number, "NUMBER"},
           {OracleType::long_text, "LONG"},
           {OracleType::rowid, "ROWID"},
           {OracleType::date, "DATE"},
           {OracleType::raw, "RAW"},
           {OracleType::long_raw, "LONG RAW"},
           {OracleType::char_text, "CHAR"},
           {OracleType::binary_float, "BINARY_FLOAT"},
           {OracleType::binary_double, "BINARY_DOUBLE"},
           {OracleType::clob, "CLOB"},
           {OracleType::blob, "BLOB"},
           {OracleType::bfile, "BFILE"},
           {OracleType::timestamp, "TIMESTAMP"},
           {OracleType::timestamp_tz, "TIMESTAMP WITH TIME ZONE"},
           {OracleType::interval_ym, "INTERVAL YEAR TO MONTH"},
           {OracleType::interval_ds, "INTERVAL DAY TO SECOND"},
           {OracleType::urowid, "UROWID"},
           {OracleType::timestamp_ltz, "TIMESTAMP WITH LOCAL TIME ZONE"}}) {
    EXPECT_EQ(type_name(static_cast<std::uint8_t>(type)), name);
  }
  EXPECT_EQ(type_name(250), "type 250");
}

TEST(ConnectDescriptor, SpecsFormWithTheClientsIdentification) {
  EXPECT_EQ(connect_descriptor("TCP", "db.example", 1521, "XE", "elastic-ingest", "me"),
            "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db.example)(PORT=1521))(CONNECT_DATA=(SID="
            "XE)(CID=(PROGRAM=elastic-ingest)(HOST=localhost)(USER=me))))");
  // A value cannot close the descriptor's parentheses early.
  EXPECT_EQ(descriptor_value("a)(HOST=evil"), "a\\)\\(HOST\\=evil");
}

}  // namespace
}  // namespace ei::tns
