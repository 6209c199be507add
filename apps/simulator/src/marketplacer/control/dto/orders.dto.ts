import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** The most orders one control call makes (benchmarks of thousands of invoices stay one call). */
export const MAX_ORDERS_PER_CALL = 10_000;

export class QuickOrderLineDto {
  @ApiProperty({ example: 'VmFyaWFudC0xMDAwMDE=', description: 'Variant global id, or its database id (e.g. 100001)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value))
  @IsString()
  @IsNotEmpty()
  variantId: string;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity: number;
}

export class QuickOrderAddressDto {
  @ApiPropertyOptional({ example: '10 Collins Street' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ example: 'Melbourne' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({ example: '3000' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  postcode?: string;

  @ApiPropertyOptional({ example: 'VIC', description: 'State short name' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  state?: string;

  @ApiPropertyOptional({ example: 'AU', description: 'Country code' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  country?: string;
}

export class QuickOrderBuyerDto {
  @ApiPropertyOptional({ example: 'Ana' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ example: 'Souza' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  surname?: string;

  @ApiPropertyOptional({ example: 'ana.souza@buyer.example.com' })
  @IsOptional()
  @IsEmail()
  emailAddress?: string;

  @ApiPropertyOptional({ example: '0411 111 000' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;

  @ApiPropertyOptional({ type: QuickOrderAddressDto, description: 'Shipping address, also used as the billing address' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuickOrderAddressDto)
  address?: QuickOrderAddressDto;
}

/** A buyer's order made on the marketplace, without GraphQL: one invoice per seller, through orderCreate's domain code. */
export class QuickOrdersDto {
  @ApiProperty({ type: [QuickOrderLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QuickOrderLineDto)
  lines: QuickOrderLineDto[];

  @ApiPropertyOptional({ example: true, default: true, description: 'false leaves the invoices AWAITING_PAYMENT' })
  @IsOptional()
  @IsBoolean()
  paid?: boolean;

  @ApiPropertyOptional({ type: QuickOrderBuyerDto, description: 'Default: a demo buyer in Melbourne' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuickOrderBuyerDto)
  buyer?: QuickOrderBuyerDto;

  @ApiPropertyOptional({ example: 1, default: 1, maximum: MAX_ORDERS_PER_CALL, description: 'How many identical orders to make' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ORDERS_PER_CALL)
  count?: number;
}
